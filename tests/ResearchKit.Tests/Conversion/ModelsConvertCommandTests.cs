using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Cli;
using ResearchKit.Models;
using ResearchKit.Models.Hub;
using ResearchKit.Tests.Hub;

namespace ResearchKit.Tests.Conversion;

/// <summary>
/// <c>researchkit models convert</c> end to end: a folder, a registry entry pulled from the loopback hub, and the
/// checkpoints it must refuse (another architecture, damaged weights, a config that contradicts the weights), each
/// with exit code 2, one line naming the file and what to do, and nothing written.
/// </summary>
public sealed class ModelsConvertCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await Program.BuildRoot(CliConsole.Plain(output, error)).Parse(args).InvokeAsync();
        return (code, output.ToString(), error.ToString());
    }

    private string[] PythonOption => ["--python", TorchEnvironment.Python];

    [TorchFact]
    public async Task A_folder_converts_into_out_and_loads()
    {
        var output = Path.Combine(_temp.Path, "out");
        var (code, stdout, err) = await Run(["models", "convert", Eva02Fixture.Checkpoint, "--out", output, .. PythonOption]);
        Assert.True(code == 0, err);
        Assert.Equal(output, stdout.Trim());
        Assert.Contains("image cosine", err);
        using var model = EmbeddingModel.Open(output);
        VectorAssert.CosineAtLeast(Eva02Fixture.TextEmbeds[0], model.EmbedText(Eva02Fixture.Strings[0], normalize: false), 0.9999, "string 0");
    }

    [TorchFact]
    public async Task A_pulled_registry_entry_converts_into_its_snapshot_and_resolves_by_name()
    {
        using var ctx = new HubTestContext();
        ctx.Hub.Serve("researchkit/eva02-clip-open_clip", Eva02Fixture.Checkpoint);
        var registry = Path.Combine(_temp.Path, "registry.json");
        var files = new JsonArray(Directory.GetFiles(Eva02Fixture.Checkpoint).Select(f => (JsonNode)new JsonObject { ["path"] = Path.GetFileName(f), ["size"] = new FileInfo(f).Length }).ToArray());
        File.WriteAllText(registry, new JsonObject
        {
            ["version"] = 1,
            ["models"] = new JsonArray(new JsonObject
            {
                ["name"] = "eva02-clip-open_clip", ["family"] = "eva02clip", ["repo"] = "researchkit/eva02-clip-open_clip", ["embeddingDim"] = 24,
                ["imageSize"] = 224, ["license"] = "mit", ["layout"] = "openClip", ["pullable"] = true, ["files"] = files, ["note"] = "test entry",
            }),
        }.ToJsonString());
        string[] common = ["--cache-dir", ctx.CacheDir, "--registry", registry];
        var (code, snapshot, err) = await Run(["models", "pull", "eva02-clip-open_clip", "--endpoint", ctx.Hub.Endpoint, .. common]);
        Assert.True(code == 0, err);
        var e = Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(snapshot.Trim()));
        Assert.True(e.NeedsConversion, e.Message);
        Assert.Contains("researchkit models convert", ResearchKit.Cli.Commands.ErrorHints.For(e));

        (code, var converted, err) = await Run(["models", "convert", "eva02-clip-open_clip", .. common, .. PythonOption]);
        Assert.True(code == 0, err);
        Assert.Equal(snapshot.Trim(), converted.Trim());
        var resolved = ModelLocator.Resolve("eva02-clip-open_clip", ModelRegistry.Load(registry), ctx.CacheDir);
        using var model = EmbeddingModel.Open(resolved);
        VectorAssert.CosineAtLeast(Eva02Fixture.ImageEmbeds["emoji_1f34e.png"], model.EmbedImage(FixturePaths.Image("emoji_1f34e.png"), normalize: false), 0.9999, "apple");
        (code, _, err) = await Run(["models", "verify", "eva02-clip-open_clip", .. common]);
        Assert.True(code == 0, err);
    }

    [TorchFact]
    public async Task Another_architecture_is_refused_naming_the_field()
    {
        var checkpoint = Eva02Fixture.CopyCheckpoint(Path.Combine(_temp.Path, "vit"));
        EditConfig(checkpoint, c => c["model_cfg"]!["vision_cfg"]!["timm_model_name"] = "vit_base_patch16_clip_224");
        var (code, _, err) = await Run(["models", "convert", checkpoint, .. PythonOption]);
        Assert.Equal(2, code);
        Assert.Contains("timm_model_name is 'vit_base_patch16_clip_224'; only EVA02-CLIP trunks convert", err);
        AssertNothingWritten(checkpoint);
    }

    [TorchFact]
    public async Task Truncated_weights_are_refused_with_advice_to_download_again()
    {
        var checkpoint = Eva02Fixture.CopyCheckpoint(Path.Combine(_temp.Path, "cut"), "open_clip_pytorch_model.bin");
        var weights = Path.Combine(checkpoint, "open_clip_model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var (code, _, err) = await Run(["models", "convert", checkpoint, .. PythonOption]);
        Assert.Equal(2, code);
        Assert.Contains("open_clip_model.safetensors", err);
        Assert.Contains("download it again", err);
        AssertNothingWritten(checkpoint);
    }

    [TorchFact]
    public async Task A_config_that_contradicts_the_weights_is_refused()
    {
        var checkpoint = Eva02Fixture.CopyCheckpoint(Path.Combine(_temp.Path, "wide"));
        EditConfig(checkpoint, c => c["model_cfg"]!["text_cfg"]!["width"] = 48);
        var (code, _, err) = await Run(["models", "convert", checkpoint, .. PythonOption]);
        Assert.Equal(2, code);
        Assert.Contains("the config and the weights disagree", err);
        AssertNothingWritten(checkpoint);
    }

    private static void EditConfig(string checkpoint, Action<JsonNode> edit)
    {
        var path = Path.Combine(checkpoint, "open_clip_config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!;
        edit(config);
        File.WriteAllText(path, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static void AssertNothingWritten(string folder)
    {
        Assert.False(File.Exists(Path.Combine(folder, "visual.onnx")));
        Assert.False(File.Exists(Path.Combine(folder, "textual.onnx")));
        Assert.Empty(Directory.GetDirectories(folder));
    }
}
