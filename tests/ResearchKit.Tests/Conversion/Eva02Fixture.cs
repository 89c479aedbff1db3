using System.Text.Json;

namespace ResearchKit.Tests.Conversion;

/// <summary>tests/fixtures/eva02-clip-open_clip: a tiny random EVA02-CLIP in open_clip's hub checkpoint format and what upstream open_clip + timm computed with it.</summary>
public static class Eva02Fixture
{
    public static string Root { get; } = Path.GetFullPath(Path.Combine(FixturePaths.Reference, "..", "eva02-clip-open_clip"));

    /// <summary>The checkpoint folder as the hub ships one (open_clip_config.json, safetensors, pickled weights, tokenizer files).</summary>
    public static string Checkpoint => Path.Combine(Root, "checkpoint");

    private static readonly Lazy<JsonDocument> Reference = new(() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Root, "reference.json"))));

    public static IReadOnlyList<string> Strings => [.. Reference.Value.RootElement.GetProperty("strings").EnumerateArray().Select(s => s.GetString()!)];

    public static int[][] InputIds => [.. Reference.Value.RootElement.GetProperty("input_ids").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray())];

    public static float[][] TextEmbeds => [.. Reference.Value.RootElement.GetProperty("text_embeds").EnumerateArray().Select(Floats)];

    public static IReadOnlyDictionary<string, float[]> ImageEmbeds =>
        Reference.Value.RootElement.GetProperty("image_embeds").EnumerateObject().ToDictionary(p => p.Name, p => Floats(p.Value));

    /// <summary>Copies the checkpoint into <paramref name="destination"/>, leaving out the files named.</summary>
    public static string CopyCheckpoint(string destination, params string[] without)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(Checkpoint))
            if (!without.Contains(Path.GetFileName(file)))
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        return destination;
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(v => v.GetSingle())];
}
