using System.Text.Json.Nodes;
using ResearchKit.Imaging;
using ResearchKit.Models;
using ResearchKit.Models.Conversion;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Conversion;

/// <summary>
/// open_clip hub checkpoints without Python: the nested open_clip_config.json (model_cfg + preprocess_cfg) read by the
/// loader, an unconverted checkpoint refused with the command that converts it, the converter's own checks before and
/// after the recipe, and the registry's EVA02-CLIP entries.
/// </summary>
public sealed class OpenClipCheckpointTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_converted_folder_with_the_hubs_nested_config_is_an_eva02_clip_open_clip_model()
    {
        var dir = Eva02Fixture.CopyCheckpoint(Path.Combine(_temp.Path, "m"), "open_clip_model.safetensors", "open_clip_pytorch_model.bin");
        File.Copy(Path.Combine(FixturePaths.Model("eva02-clip-tiny"), "visual.onnx"), Path.Combine(dir, "visual.onnx"));
        File.Copy(Path.Combine(FixturePaths.Model("eva02-clip-tiny"), "textual.onnx"), Path.Combine(dir, "textual.onnx"));
        var model = ModelDirectory.Open(dir);
        Assert.Equal((ModelLayout.OpenClip, ModelFamily.Eva02Clip, 77), (model.Layout, model.Family, model.ContextLength));
        Assert.EndsWith("vocab.json", model.TokenizerPath);
        Assert.EndsWith("merges.txt", model.MergesPath);
    }

    [Fact]
    public void An_unconverted_checkpoint_is_refused_with_the_command_that_converts_it()
    {
        var e = Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(Eva02Fixture.Checkpoint));
        Assert.Contains("open_clip PyTorch checkpoint (open_clip_model.safetensors)", e.Message);
        Assert.True(e.NeedsConversion);
        Assert.Contains("researchkit models convert", ResearchKit.Cli.Commands.ErrorHints.For(e));
    }

    [Fact]
    public void Preprocessing_comes_from_preprocess_cfg_and_the_nested_vision_cfg()
    {
        var config = PreprocessConfig.FromOpenClip(Path.Combine(Eva02Fixture.Checkpoint, "open_clip_config.json"));
        Assert.Equal((ResizeMode.ShortestEdge, 224, true, 224, 224), (config.Resize, config.ShortestEdge, config.CenterCrop, config.CropWidth, config.CropHeight));
        Assert.Equal((ColorConversionOrder.ResizeThenConvert, ResamplingFilter.Bicubic), (config.Order, config.Filter));
        Assert.Equal([0.48145466f, 0.4578275f, 0.40821073f], config.Mean);

        // The hub's EVA02 configs carry only mean and std: size from model_cfg.vision_cfg, open_clip's defaults for the rest.
        var path = Write("large.json", """{"model_cfg": {"vision_cfg": {"image_size": 336}, "text_cfg": {}}, "preprocess_cfg": {"mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]}}""");
        var large = PreprocessConfig.FromOpenClip(path);
        Assert.Equal((336, 336, ResamplingFilter.Bicubic), (large.ShortestEdge, large.CropWidth, large.Filter));
        Assert.Equal([0.5f, 0.5f, 0.5f], large.Std);

        var e = Assert.Throws<PreprocessConfigException>(() => PreprocessConfig.FromOpenClip(Write("nosize.json", """{"model_cfg": {"vision_cfg": {}}}""")));
        Assert.Contains("model_cfg.vision_cfg.image_size", e.Message);
    }

    [Fact]
    public async Task An_incomplete_checkpoint_is_refused_before_python_runs_naming_every_missing_file()
    {
        var dir = Eva02Fixture.CopyCheckpoint(Path.Combine(_temp.Path, "partial"), "merges.txt", "open_clip_model.safetensors", "open_clip_pytorch_model.bin");
        var e = await Assert.ThrowsAsync<ModelConversionException>(() => OpenClipConverter.ConvertAsync(Options(dir, python: "/nonexistent/python3")));
        Assert.Contains("merges.txt", e.Message);
        Assert.Contains("open_clip_model.safetensors (or open_clip_pytorch_model.bin)", e.Message);
        Assert.Contains("download the repository's files again", e.Message);
    }

    [Fact]
    public async Task A_missing_recipe_or_interpreter_is_a_typed_error_naming_it()
    {
        var output = Path.Combine(_temp.Path, "out");
        var noRecipe = await Assert.ThrowsAsync<ModelConversionException>(() => OpenClipConverter.ConvertAsync(Options(Eva02Fixture.Checkpoint, output) with { Recipe = Path.Combine(_temp.Path, "gone.py") }));
        Assert.Contains("gone.py", noRecipe.Message);
        Assert.Contains("recipe is missing", noRecipe.Message);

        var noPython = await Assert.ThrowsAsync<ModelConversionException>(() => OpenClipConverter.ConvertAsync(Options(Eva02Fixture.Checkpoint, output, python: "/nonexistent/python3")));
        Assert.Contains("/nonexistent/python3", noPython.Message);
        Assert.False(File.Exists(Path.Combine(output, "visual.onnx")));
        Assert.Empty(Directory.GetDirectories(output));

        var none = await Assert.ThrowsAsync<ModelConversionException>(() => TorchPython.FindAsync(["/nonexistent/python3", "", null], "pass --python PATH"));
        Assert.Contains("/nonexistent/python3 (not found)", none.Message);
        Assert.Contains("apt-get install python3-torch", none.Message);
        Assert.EndsWith("or pass --python PATH.", none.Message);
    }

    [Fact]
    public void An_export_that_disagrees_with_pytorch_fails_the_probe()
    {
        var dir = Path.Combine(_temp.Path, "probe");
        Directory.CreateDirectory(dir);
        foreach (var file in Directory.GetFiles(FixturePaths.Model("eva02-clip-tiny")))
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        var ids = new int[77];
        (ids[0], ids[1], ids[2]) = (599, 37, 600);
        var probe = new JsonObject
        {
            ["image_size"] = 224,
            ["image_embeds"] = new JsonArray([.. Enumerable.Range(0, 32).Select(i => (JsonNode)(i == 0 ? 1.0 : 0.0))]),
            ["input_ids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]),
            ["text_embeds"] = new JsonArray([.. Enumerable.Range(0, 32).Select(i => (JsonNode)(i == 1 ? 1.0 : 0.0))]),
        };
        File.WriteAllText(Path.Combine(dir, ConversionProbe.RecordFile),
            new JsonObject { ["timm_model_name"] = "eva02_tiny", ["embed_dim"] = 32, ["torch"] = "test", ["probe"] = probe }.ToJsonString());
        var e = Assert.Throws<ModelConversionException>(() => ConversionProbe.Check(dir, 0.9999));
        Assert.Contains("disagree with PyTorch on the probe inputs", e.Message);
        Assert.Contains("Nothing was replaced", e.Message);

        File.WriteAllText(Path.Combine(dir, ConversionProbe.RecordFile), """{"probe": {}}""");
        Assert.Contains("probe record is incomplete", Assert.Throws<ModelConversionException>(() => ConversionProbe.Check(dir, 0.9999)).Message);
    }

    [Fact]
    public void The_probe_image_is_the_recipes_formula()
    {
        var pixels = ConversionProbe.Pixels(4);
        Assert.Equal((3, 4, 4), (pixels.Channels, pixels.Height, pixels.Width));
        Assert.Equal(-1f, pixels.Data[0]);                                    // c=0, y=0, x=0
        Assert.Equal((float)(7 / 50.0 - 1.0), pixels.Data[1]);                  // x=1
        Assert.Equal((float)((29 + 13 + 7) % 101 / 50.0 - 1.0), pixels.Data[16 + 4 + 1]); // c=1, y=1, x=1
    }

    [Fact]
    public void Registry_eva02_entries_are_pullable_checkpoints_that_name_the_convert_step()
    {
        var registry = ModelRegistry.Load(ResearchKit.Tests.Hub.HubTestContext.ShippedRegistryPath);
        foreach (var (name, dim, size) in new[] { ("EVA02-CLIP-B-16", 512, 224), ("EVA02-CLIP-L-14", 768, 224), ("EVA02-CLIP-L-14-336", 768, 336) })
        {
            var entry = registry.Find(name);
            Assert.True(entry.Pullable, name);
            Assert.Equal((ModelFamily.Eva02Clip, ModelLayout.OpenClip, dim, size), (entry.Family, entry.Layout, entry.EmbeddingDim, entry.ImageSize));
            Assert.StartsWith("timm/eva02_", entry.Repo);
            var files = entry.Files.Select(f => f.Path).ToHashSet();
            Assert.Superset(new HashSet<string>(["open_clip_config.json", "open_clip_model.safetensors", "vocab.json", "merges.txt"]), files);
            Assert.DoesNotContain("visual.onnx", files);
            Assert.Contains($"researchkit models convert {name}", entry.Note);
        }
    }

    [Fact]
    public async Task The_command_names_an_unpulled_entry_and_the_pull_that_fetches_it()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ResearchKit.Cli.Program.BuildRoot(ResearchKit.Cli.CliConsole.Plain(output, error))
            .Parse(["models", "convert", "EVA02-CLIP-B-16", "--cache-dir", _temp.Path]).InvokeAsync();
        Assert.Equal(2, code);
        Assert.Contains("researchkit models pull EVA02-CLIP-B-16", error.ToString());
    }

    private static OpenClipConversionOptions Options(string checkpoint, string? output = null, string python = "python3") => new()
    {
        CheckpointDirectory = checkpoint,
        OutputDirectory = output ?? checkpoint,
        Python = python,
        Recipe = TorchEnvironment.Recipe,
    };

    private string Write(string name, string json)
    {
        var path = Path.Combine(_temp.Path, name);
        File.WriteAllText(path, json);
        return path;
    }
}
