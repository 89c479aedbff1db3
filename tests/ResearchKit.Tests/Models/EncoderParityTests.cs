using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>
/// The ONNX encoders fed the reference pixel bins and token ids reproduce the stored raw vectors to 1e-4
/// (fixture README), proving session plumbing and output selection independently of preprocessing.
/// </summary>
public sealed class EncoderParityTests
{
    public static TheoryData<string, string, string, string> ImageCases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (model, processor, key) in new[]
                 {
                     ("siglip-tiny", "siglip224", "siglip-tiny/pooler_output"),
                     ("dinov2-tiny", "dinov2", "dinov2-tiny/pooler_output"),
                     ("eva02-clip-tiny", "eva02clip", "eva02-clip-tiny/image_embeds"),
                 })
            foreach (var image in ReferenceManifest.EmbeddedImages(key))
                data.Add(model, processor, key, image);
        return data;
    }

    [Theory]
    [MemberData(nameof(ImageCases))]
    public void Image_encoder_reproduces_reference_vectors(string model, string processor, string key, string image)
    {
        using var encoder = new OnnxImageEncoder(ModelDirectory.Open(FixturePaths.Model(model)));
        var batch = encoder.Encode([ReferenceManifest.Pixels(processor, image)]);
        VectorAssert.Close(ReferenceManifest.ImageEmbedding(key, image), batch.Raw[0], 1e-4, $"{model} {image}");
    }

    [Theory]
    [InlineData("siglip-tiny", "siglip", "input_ids", "siglip-tiny/text_pooler_output")]
    [InlineData("eva02-clip-tiny", "clip_bpe", "input_ids_open_clip", "eva02-clip-tiny/text_embeds")]
    public void Text_encoder_reproduces_reference_vectors(string model, string tokenizer, string field, string key)
    {
        using var encoder = new OnnxTextEncoder(ModelDirectory.Open(FixturePaths.Model(model)));
        var ids = ReferenceManifest.Tokens(tokenizer, field);
        var expected = ReferenceManifest.StringEmbeddings(key);
        var batch = encoder.Encode(ids[..expected.Length]);
        for (var i = 0; i < expected.Length; i++)
            VectorAssert.Close(expected[i], batch.Raw[i], 1e-4, $"{model} string #{i}");
    }

    [Fact]
    public void Batched_and_single_encoding_agree()
    {
        using var encoder = new OnnxImageEncoder(ModelDirectory.Open(FixturePaths.Model("siglip-tiny")));
        var images = ReferenceManifest.Images.Take(4).Select(i => ReferenceManifest.Pixels("siglip224", i)).ToList();
        var batch = encoder.Encode(images);
        for (var i = 0; i < images.Count; i++)
            VectorAssert.Close(encoder.Encode([images[i]]).Raw[0], batch.Raw[i], 1e-5, $"image {i}");
    }

    [Fact]
    public void Dinov2_cls_plus_mean_patch_matches_reference_mean_patch_tokens()
    {
        var options = EncoderOptions.Default with { DinoPooling = EmbeddingPooling.ClsPlusMeanPatch };
        using var encoder = new OnnxImageEncoder(ModelDirectory.Open(FixturePaths.Model("dinov2-tiny")), options);
        Assert.Equal("last_hidden_state", encoder.Output.OutputName);
        Assert.Equal(64, encoder.Dimension);
        foreach (var image in ReferenceManifest.EmbeddedImages("dinov2-tiny/mean_patch_tokens"))
        {
            var v = encoder.Encode([ReferenceManifest.Pixels("dinov2", image)]).Raw[0];
            VectorAssert.Close(ReferenceManifest.ImageEmbedding("dinov2-tiny/pooler_output", image), v[..32], 1e-4, $"cls {image}");
            VectorAssert.Close(ReferenceManifest.ImageEmbedding("dinov2-tiny/mean_patch_tokens", image), v[32..], 1e-4, $"mean patch {image}");
        }
    }

    [Fact]
    public void Normalized_vectors_have_unit_length()
    {
        using var encoder = new OnnxImageEncoder(ModelDirectory.Open(FixturePaths.Model("eva02-clip-tiny")));
        var v = encoder.Encode([ReferenceManifest.Pixels("eva02clip", "gradient.png")]).Normalized[0];
        Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
    }

    [Fact]
    public void Siglip_probabilities_match_reference_with_model_logit_parameters()
    {
        var dir = ModelDirectory.Open(FixturePaths.Model("siglip-tiny"));
        Assert.NotNull(dir.Logits);
        var image = VectorNorm.Normalized(ReferenceManifest.ImageEmbedding("siglip-tiny/pooler_output", ReferenceManifest.Images[0]));
        var texts = ReferenceManifest.StringEmbeddings("siglip-tiny/text_pooler_output");
        var expected = ReferenceManifest.Floats("siglip-tiny/probs_image0_vs_texts");
        for (var i = 0; i < texts.Length; i++)
        {
            var cosine = VectorAssert.Cosine(image, texts[i]);
            Assert.Equal(expected[i], dir.Logits!.Probability(cosine), 4);
        }
    }

    [Fact]
    public void Wrong_input_size_is_a_typed_error_naming_the_model()
    {
        using var encoder = new OnnxImageEncoder(ModelDirectory.Open(FixturePaths.Model("siglip-tiny")));
        var wrong = new ResearchKit.Imaging.ImageTensor(new float[3 * 256 * 256], 3, 256, 256);
        var e = Assert.Throws<TensorShapeException>(() => encoder.Encode([wrong]));
        Assert.Contains("vision_model.onnx", e.Message);
    }

    [Fact]
    public void Wrong_sequence_length_is_a_typed_error()
    {
        using var encoder = new OnnxTextEncoder(ModelDirectory.Open(FixturePaths.Model("siglip-tiny")));
        Assert.Equal(64, encoder.ContextLength);
        Assert.Throws<TensorShapeException>(() => encoder.Encode([new int[10]]));
    }

    [Fact]
    public void Dinov2_has_no_text_tower()
    {
        var e = Assert.Throws<ModelLoadException>(() => new OnnxTextEncoder(ModelDirectory.Open(FixturePaths.Model("dinov2-tiny"))));
        Assert.Contains("no text tower", e.Message);
    }

    [Fact]
    public void Unknown_execution_provider_lists_what_is_available()
    {
        var e = Assert.Throws<ExecutionProviderUnavailableException>(() =>
            new OnnxImageEncoder(ModelDirectory.Open(FixturePaths.Model("siglip-tiny")), EncoderOptions.Default with { ExecutionProvider = "cuda" }));
        Assert.Contains("CPUExecutionProvider", e.Message);
    }

    [Fact]
    public void Corrupt_onnx_file_is_a_typed_error_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("rk-corrupt-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(FixturePaths.Model("siglip-tiny"))) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
            File.WriteAllBytes(Path.Combine(dir, "vision_model.onnx"), [1, 2, 3, 4, 5, 6, 7, 8]);
            var e = Assert.Throws<ModelLoadException>(() => new OnnxImageEncoder(ModelDirectory.Open(dir)));
            Assert.Contains("vision_model.onnx", e.Message);
            File.WriteAllBytes(Path.Combine(dir, "vision_model.onnx"), []);
            Assert.Contains("empty", Assert.Throws<ModelLoadException>(() => new OnnxImageEncoder(ModelDirectory.Open(dir))).Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
