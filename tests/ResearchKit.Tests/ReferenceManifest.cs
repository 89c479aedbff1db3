using System.Text.Json;
using ResearchKit.Imaging;

namespace ResearchKit.Tests;

/// <summary>Typed access to tests/fixtures/reference/manifest.json: what the reference Python code computed.</summary>
public static class ReferenceManifest
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(FixturePaths.Reference, "manifest.json"))));

    public static JsonElement Root => Document.Value.RootElement;

    public static IReadOnlyList<string> Images => [.. Root.GetProperty("images").EnumerateArray().Select(e => e.GetString()!)];

    public static IReadOnlyList<string> Strings => [.. Root.GetProperty("strings").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>Reference token ids, e.g. ("siglip", "input_ids") or ("clip_bpe", "input_ids_open_clip").</summary>
    public static int[][] Tokens(string tokenizer, string field) =>
        [.. Root.GetProperty("tokens").GetProperty(tokenizer).GetProperty(field).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetInt32()).ToArray())];

    /// <summary>A stored per-image embedding, e.g. ("siglip-tiny/pooler_output", "emoji_1f305.png").</summary>
    public static float[] ImageEmbedding(string key, string image) =>
        [.. Root.GetProperty("embeddings").GetProperty(key).GetProperty(image).EnumerateArray().Select(v => v.GetSingle())];

    /// <summary>A stored per-string list, e.g. "siglip-tiny/text_pooler_output".</summary>
    public static float[][] StringEmbeddings(string key) =>
        [.. Root.GetProperty("embeddings").GetProperty(key).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray())];

    public static float[] Floats(string key) =>
        [.. Root.GetProperty("embeddings").GetProperty(key).EnumerateArray().Select(v => v.GetSingle())];

    /// <summary>Keys of per-image embeddings stored for <paramref name="key"/>.</summary>
    public static IReadOnlyList<string> EmbeddedImages(string key) =>
        [.. Root.GetProperty("embeddings").GetProperty(key).EnumerateObject().Select(p => p.Name)];

    /// <summary>A reference pixel tensor, pixels/&lt;processor&gt;/&lt;image&gt;.bin, as an <see cref="ImageTensor"/>.</summary>
    public static ImageTensor Pixels(string processor, string image)
    {
        var rel = $"pixels/{processor}/{image}.bin";
        var shape = Root.GetProperty("tensors").GetProperty(rel).EnumerateArray().Select(v => v.GetInt32()).ToArray();
        var bytes = File.ReadAllBytes(Path.Combine(FixturePaths.Reference, rel));
        var data = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        return new ImageTensor(data, shape[1], shape[2], shape[3]);
    }

    public static bool HasPixels(string processor, string image) =>
        Root.GetProperty("tensors").TryGetProperty($"pixels/{processor}/{image}.bin", out _);
}
