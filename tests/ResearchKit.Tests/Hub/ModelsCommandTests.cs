using System.Text.Json;
using ResearchKit.Cli;

namespace ResearchKit.Tests.Hub;

/// <summary>The <c>researchkit models</c> commands against a loopback hub and a temporary cache.</summary>
public sealed class ModelsCommandTests : IDisposable
{
    private readonly HubTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Program.BuildRoot(CliConsole.Plain(output, error)).Parse(args).InvokeAsync();
        return (code, output.ToString(), error.ToString());
    }

    private string[] Common => ["--cache-dir", _ctx.CacheDir, "--registry", HubTestContext.RegistryPath];

    [Fact]
    public async Task List_json_names_every_entry_and_marks_pulled_ones()
    {
        await _ctx.PullAsync("dinov2-tiny");
        var (code, output, _) = await Run(["models", "list", "--json", .. Common]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(_ctx.Registry.Entries.Count, rows.Count);
        Assert.True(rows["dinov2-tiny"].GetProperty("pulled").GetBoolean());
        Assert.False(rows["siglip-tiny"].GetProperty("pulled").GetBoolean());
        Assert.Equal("dinov2", rows["dinov2-tiny"].GetProperty("family").GetString());
        Assert.Equal(32, rows["dinov2-tiny"].GetProperty("embeddingDim").GetInt32());
        Assert.Equal(_ctx.Registry.Find("dinov2-tiny").TotalSize, rows["dinov2-tiny"].GetProperty("sizeBytes").GetInt64());

        // The shipped registry: sizes unknown, variants with their cautions.
        (code, output, _) = await Run(["models", "list", "--json", "--cache-dir", _ctx.CacheDir]);
        Assert.Equal(0, code);
        using var shipped = JsonDocument.Parse(output);
        var real = shipped.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(384, real["facebook/dinov2-small"].GetProperty("embeddingDim").GetInt32());
        Assert.Equal(JsonValueKind.Null, real["facebook/dinov2-small"].GetProperty("sizeBytes").ValueKind);
        var quantized = real["facebook/dinov2-small"].GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "quantized");
        Assert.Contains("0.36", quantized.GetProperty("caution").GetString());
        Assert.Equal("immich", real["ViT-B-16-SigLIP2__webli"].GetProperty("layout").GetString());
    }

    [Fact]
    public async Task List_table_has_a_row_per_model_with_pulled_column()
    {
        await _ctx.PullAsync("siglip-tiny");
        var (code, output, _) = await Run(["models", "list", .. Common]);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("NAME", lines[0]);
        Assert.Equal(_ctx.Registry.Entries.Count + 1, lines.Length);
        Assert.Matches(@"^siglip-tiny\s+siglip\s+huggingface\s+32\s+224\s+650 KB\s+apache-2.0\s+-\s+yes$", lines.Single(l => l.StartsWith("siglip-tiny")));
        Assert.EndsWith(" no", lines.Single(l => l.StartsWith("dinov2-tiny")));
    }

    [Fact]
    public async Task Pull_prints_the_snapshot_and_verify_passes_then_fails_on_corruption()
    {
        var (code, output, err) = await Run(["models", "pull", "eva02-clip-tiny", "--endpoint", _ctx.Hub.Endpoint, .. Common]);
        Assert.True(code == 0, err);
        var snapshot = output.Trim();
        Assert.Equal(_ctx.Cache.FindSnapshot(_ctx.Registry.Find("eva02-clip-tiny")), snapshot);
        Assert.Contains("downloading visual.onnx", err);
        Assert.Contains("5 file(s) downloaded", err);

        (code, output, _) = await Run(["models", "verify", "eva02-clip-tiny", .. Common]);
        Assert.Equal(0, code);
        Assert.Equal(5, output.Split('\n').Count(l => l.StartsWith("ok ")));

        var vocab = Path.Combine(snapshot, "vocab.json");
        var bytes = File.ReadAllBytes(vocab);
        bytes[10] ^= 1;
        File.WriteAllBytes(vocab, bytes);
        (code, output, err) = await Run(["models", "verify", "eva02-clip-tiny", .. Common]);
        Assert.Equal(1, code);
        Assert.Contains("FAIL  vocab.json: sha256", output);
        Assert.Contains("error: 1 of 5 file(s)", err);
        Assert.Contains("vocab.json", err);
    }

    [Fact]
    public async Task Errors_are_one_line_on_stderr_with_exit_code_2()
    {
        var (code, output, err) = await Run(["models", "verify", "no-such-model", .. Common]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: 'no-such-model' is not a name in the model registry", err);

        (code, _, err) = await Run(["models", "verify", "siglip-tiny", .. Common]);
        Assert.Equal(2, code);
        Assert.Contains("hint: `researchkit models pull siglip-tiny`", err);

        _ctx.Hub.Corrupt["spiece.model"] = true;
        (code, _, err) = await Run(["models", "pull", "siglip-tiny", "--endpoint", _ctx.Hub.Endpoint, .. Common]);
        Assert.Equal(2, code);
        Assert.Contains("error: Download of 'spiece.model'", err);
        Assert.Contains("SHA-256 mismatch", err);
    }
}
