using System.Security.Cryptography;
using System.Text.Json;
using ResearchKit.Models;
using ResearchKit.Models.Conversion;

namespace ResearchKit.Tests.Conversion;

/// <summary>
/// `models convert` against upstream: the tiny EVA02-CLIP that open_clip + timm saved in the hub's checkpoint format
/// (tests/fixtures/eva02-clip-open_clip), converted by models/recipes/convert_open_clip.py, loaded by ResearchKit and
/// run on the fixture images (our preprocessing from preprocess_cfg) and strings (our tokenizer from vocab.json +
/// merges.txt): every embedding within cosine 0.9999 of what upstream open_clip computed, every id identical.
/// </summary>
public sealed class Eva02ConversionTests(ConvertedEva02 converted) : IClassFixture<ConvertedEva02>
{
    [TorchFact]
    public void Every_fixture_image_embeds_like_upstream_open_clip()
    {
        using var model = EmbeddingModel.Open(converted.Result.OutputDirectory);
        Assert.Equal((ModelLayout.OpenClip, ModelFamily.Eva02Clip), (model.Directory.Layout, model.Family));
        var expected = Eva02Fixture.ImageEmbeds;
        Assert.Equal(11, expected.Count);
        var report = expected.Select(e => (e.Key, Cosine: VectorAssert.Cosine(e.Value, model.EmbedImage(FixturePaths.Image(e.Key), normalize: false)))).ToList();
        Assert.All(report, r => Assert.True(r.Cosine >= 0.9999, $"{r.Key}: cosine {r.Cosine:F7} < 0.9999"));
    }

    [TorchFact]
    public void Every_string_tokenizes_and_embeds_like_upstream_open_clip()
    {
        using var model = EmbeddingModel.Open(converted.Result.OutputDirectory);
        var strings = Eva02Fixture.Strings;
        var ids = Eva02Fixture.InputIds;
        for (var i = 0; i < strings.Count; i++)
            Assert.True(ids[i].SequenceEqual(model.Tokenizer.Encode(strings[i])), $"ids differ for string {i} '{strings[i]}'");
        var expected = Eva02Fixture.TextEmbeds;
        var actual = model.EmbedTexts(strings);
        for (var i = 0; i < strings.Count; i++)
            VectorAssert.CosineAtLeast(expected[i], actual.Raw[i], 0.9999, $"string {i} '{strings[i]}'");
    }

    [TorchFact]
    public void The_onnx_probe_passed_and_the_record_names_the_source_weights()
    {
        var result = converted.Result;
        Assert.True(result.Probe.ImageCosine >= 0.9999 && result.Probe.TextCosine >= 0.9999);
        Assert.Equal(("eva02_base_patch16_clip_224", 24), (result.Probe.TimmModelName, result.Probe.EmbeddingDim));
        Assert.Contains("visual.onnx", result.Published);
        Assert.Contains("textual.onnx", result.Published);
        using var record = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(result.OutputDirectory, ConversionProbe.RecordFile)));
        var source = record.RootElement.GetProperty("source");
        Assert.Equal("open_clip_model.safetensors", source.GetProperty("weights").GetString());
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Eva02Fixture.Checkpoint, "open_clip_model.safetensors"))));
        Assert.Equal(sha, source.GetProperty("weights_sha256").GetString());
        Assert.Empty(Directory.GetDirectories(result.OutputDirectory));  // the staging folder is gone
    }

    [TorchFact]
    public void Pickled_weights_alone_convert_to_the_same_model()
    {
        using var temp = new TempDirectory();
        var checkpoint = Eva02Fixture.CopyCheckpoint(Path.Combine(temp.Path, "bin-only"), "open_clip_model.safetensors");
        var result = ConvertedEva02.Convert(checkpoint, checkpoint);
        Assert.Equal(checkpoint, result.OutputDirectory);
        using var fromBin = EmbeddingModel.Open(checkpoint);
        using var fromSafetensors = EmbeddingModel.Open(converted.Result.OutputDirectory);
        var image = FixturePaths.Image("photo_astronaut.jpg");
        VectorAssert.Close(fromSafetensors.EmbedImage(image, normalize: false), fromBin.EmbedImage(image, normalize: false), 1e-5, "image from .bin");
        VectorAssert.Close(fromSafetensors.EmbedText("a red car", normalize: false), fromBin.EmbedText("a red car", normalize: false), 1e-5, "text from .bin");
    }
}
