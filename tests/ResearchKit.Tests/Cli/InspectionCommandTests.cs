using System.Text.Json;

namespace ResearchKit.Tests.Cli;

/// <summary>The stable inspection commands scripts depend on: preprocess, tokenize, embed.</summary>
public sealed class InspectionCommandTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("rk-cli-").FullName;

    public void Dispose() => Directory.Delete(_temp, true);

    [Fact]
    public void Preprocess_writes_little_endian_nchw_and_prints_shape()
    {
        var output = Path.Combine(_temp, "x.bin");
        var result = CliRun.Invoke("preprocess", FixturePaths.Image("photo_coffee.jpg"), "--model", FixturePaths.Model("dinov2-tiny"), "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("""{"shape":[1,3,224,224]}""", result.Out.Trim());
        var bytes = File.ReadAllBytes(output);
        var data = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, data, 0, bytes.Length);
        var reference = ReferenceManifest.Pixels("dinov2", "photo_coffee.jpg").Data;
        Assert.Equal(reference.Length, data.Length);
        Assert.True(data.Zip(reference, (a, b) => Math.Abs(a - b)).Max() <= 0.02);
        Assert.Empty(Directory.GetFiles(_temp, "*.tmp-*"));
    }

    [Fact]
    public void Tokenize_prints_reference_ids()
    {
        var result = CliRun.Invoke("tokenize", ReferenceManifest.Strings[1], "--model", FixturePaths.Model("eva02-clip-tiny"));
        Assert.True(result.ExitCode == 0, result.Error);
        var ids = JsonDocument.Parse(result.Out).RootElement.GetProperty("input_ids").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        Assert.Equal(ReferenceManifest.Tokens("clip_bpe", "input_ids_open_clip")[1], ids);
    }

    [Fact]
    public void Embed_image_and_text_raw_match_reference_vectors()
    {
        var image = CliRun.Invoke("embed", FixturePaths.Image("emoji_1f34e.png"), "--model", FixturePaths.Model("siglip-tiny"), "--raw");
        Assert.True(image.ExitCode == 0, image.Error);
        VectorAssert.CosineAtLeast(ReferenceManifest.ImageEmbedding("siglip-tiny/pooler_output", "emoji_1f34e.png"), Embedding(image.Out), 0.9999, "image");

        var text = CliRun.Invoke("embed", "--text", ReferenceManifest.Strings[0], "--model", FixturePaths.Model("siglip-tiny"), "--raw");
        Assert.True(text.ExitCode == 0, text.Error);
        VectorAssert.CosineAtLeast(ReferenceManifest.StringEmbeddings("siglip-tiny/text_pooler_output")[0], Embedding(text.Out), 0.9999, "text");
    }

    [Fact]
    public void Embed_without_raw_prints_unit_vectors()
    {
        var result = CliRun.Invoke("embed", FixturePaths.Image("gradient.png"), "--model", FixturePaths.Model("eva02-clip-tiny"));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(1.0, Math.Sqrt(Embedding(result.Out).Sum(x => (double)x * x)), 4);
    }

    [Fact]
    public void Embed_batch_records_a_bad_file_and_carries_on()
    {
        var broken = Path.Combine(_temp, "broken.jpg");
        File.WriteAllText(broken, "this is not a JPEG");
        var result = CliRun.Invoke("embed", FixturePaths.Image("gradient.png"), broken, FixturePaths.Image("thin.png"), "--model", FixturePaths.Model("dinov2-tiny"));
        Assert.Equal(2, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("gradient.png", lines[0]);
        Assert.Contains("thin.png", lines[1]);
        Assert.Contains("broken.jpg", result.Error);
    }

    [Fact]
    public void Missing_model_is_one_clear_line_and_exit_code_2()
    {
        var result = CliRun.Invoke("tokenize", "x", "--model", Path.Combine(_temp, "no-such-model"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Error);
        Assert.Contains("no-such-model", result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Text_on_an_image_only_model_says_so()
    {
        var result = CliRun.Invoke("embed", "--text", "a dog", "--model", FixturePaths.Model("dinov2-tiny"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no text tower", result.Error);
    }

    private static float[] Embedding(string output) =>
        [.. JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement.GetProperty("embedding").EnumerateArray().Select(e => e.GetSingle())];
}
