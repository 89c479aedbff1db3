using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>Layout and family detection over the fixture layouts and synthetic Hugging Face / Immich folders.</summary>
public sealed class ModelDirectoryTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("rk-modeldir-").FullName;

    public void Dispose() => Directory.Delete(_temp, true);

    [Fact]
    public void Fixture_layouts_are_recognised()
    {
        var siglip = ModelDirectory.Open(FixturePaths.Model("siglip-tiny"));
        Assert.Equal((ModelLayout.HuggingFace, ModelFamily.Siglip, 64), (siglip.Layout, siglip.Family, siglip.ContextLength));
        Assert.EndsWith("spiece.model", siglip.TokenizerPath);
        Assert.Equal(117.33, siglip.Logits!.Scale, 6);

        var dino = ModelDirectory.Open(FixturePaths.Model("dinov2-tiny"));
        Assert.Equal((ModelLayout.HuggingFace, ModelFamily.Dinov2, 1), (dino.Layout, dino.Family, dino.PrefixTokens));
        Assert.Null(dino.TextModelPath);

        var eva = ModelDirectory.Open(FixturePaths.Model("eva02-clip-tiny"));
        Assert.Equal((ModelLayout.OpenClip, ModelFamily.Eva02Clip, 77), (eva.Layout, eva.Family, eva.ContextLength));
        Assert.EndsWith("merges.txt", eva.MergesPath);
    }

    [Fact]
    public void Optimum_export_under_onnx_folder_with_variants_and_registers()
    {
        Write("config.json", """{"model_type": "dinov2_with_registers", "num_register_tokens": 4}""");
        Write("preprocessor_config.json", "{}");
        Write("onnx/model.onnx", "x");
        Write("onnx/model_quantized.onnx", "x");
        var plain = ModelDirectory.Open(_temp);
        Assert.Equal(5, plain.PrefixTokens);
        Assert.EndsWith(Path.Combine("onnx", "model.onnx"), plain.ImageModelPath);
        Assert.EndsWith("model_quantized.onnx", ModelDirectory.Open(_temp, "quantized").ImageModelPath);
        var e = Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(_temp, "fp16"));
        Assert.Contains("variant 'fp16'", e.Message);
    }

    [Fact]
    public void Siglip2_is_told_apart_by_its_gemma_tokenizer()
    {
        Write("config.json", """{"model_type": "siglip", "text_config": {"max_position_embeddings": 64}}""");
        Write("preprocessor_config.json", "{}");
        Write("tokenizer.model", "x");
        Write("onnx/vision_model.onnx", "x");
        Write("onnx/text_model.onnx", "x");
        var dir = ModelDirectory.Open(_temp);
        Assert.Equal(ModelFamily.Siglip2, dir.Family);
        Assert.EndsWith("tokenizer.model", dir.TokenizerPath);
    }

    [Fact]
    public void Immich_folder_is_recognised_with_normalised_outputs()
    {
        var root = Path.Combine(_temp, "ViT-B-16-SigLIP__webli");
        Write("ViT-B-16-SigLIP__webli/visual/model.onnx", "x");
        Write("ViT-B-16-SigLIP__webli/visual/preprocess_cfg.json", "{}");
        Write("ViT-B-16-SigLIP__webli/textual/model.onnx", "x");
        Write("ViT-B-16-SigLIP__webli/textual/tokenizer.json", "{}");
        var dir = ModelDirectory.Open(root);
        Assert.Equal((ModelLayout.Immich, ModelFamily.Siglip, true), (dir.Layout, dir.Family, dir.OutputsNormalized));
        Assert.EndsWith(Path.Combine("textual", "tokenizer.json"), dir.TokenizerPath);
    }

    [Fact]
    public void Missing_directory_unknown_layout_bad_json_and_unknown_model_type_are_typed_errors()
    {
        Assert.Contains("does not exist", Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(Path.Combine(_temp, "nope"))).Message);
        Assert.Contains("no known layout", Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(_temp)).Message);
        Write("config.json", "{not json");
        Assert.Contains("not valid JSON", Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(_temp)).Message);
        Write("config.json", """{"model_type": "bert"}""");
        Write("preprocessor_config.json", "{}");
        Assert.Contains("model_type 'bert'", Assert.Throws<ModelLoadException>(() => ModelDirectory.Open(_temp)).Message);
    }

    private void Write(string relative, string content)
    {
        var path = Path.Combine(_temp, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
