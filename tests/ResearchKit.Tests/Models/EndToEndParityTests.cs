using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>
/// The whole engine against the reference: image file -> our preprocessing -> ONNX, and text -> our
/// tokenizer -> ONNX, compared with the vectors the reference Python pipeline produced (cosine >= 0.9999).
/// </summary>
public sealed class EndToEndParityTests
{
    public static TheoryData<string, string, string> ImageCases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (model, key) in new[] { ("siglip-tiny", "siglip-tiny/pooler_output"), ("dinov2-tiny", "dinov2-tiny/pooler_output"), ("eva02-clip-tiny", "eva02-clip-tiny/image_embeds") })
            foreach (var image in ReferenceManifest.EmbeddedImages(key))
                data.Add(model, key, image);
        return data;
    }

    [Theory]
    [MemberData(nameof(ImageCases))]
    public void Image_files_embed_like_the_reference(string model, string key, string image)
    {
        using var loaded = EmbeddingModel.Open(FixturePaths.Model(model));
        var actual = loaded.EmbedImage(FixturePaths.Image(image), normalize: false);
        VectorAssert.CosineAtLeast(ReferenceManifest.ImageEmbedding(key, image), actual, 0.9999, $"{model}/{image}");
    }

    [Theory]
    [InlineData("siglip-tiny", "siglip-tiny/text_pooler_output")]
    [InlineData("eva02-clip-tiny", "eva02-clip-tiny/text_embeds")]
    public void Texts_embed_like_the_reference(string model, string key)
    {
        using var loaded = EmbeddingModel.Open(FixturePaths.Model(model));
        var expected = ReferenceManifest.StringEmbeddings(key);
        var actual = loaded.EmbedTexts(ReferenceManifest.Strings);
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
            VectorAssert.CosineAtLeast(expected[i], actual.Raw[i], 0.9999, $"{model} string {i}");
    }

    [Fact]
    public void Siglip_probabilities_from_files_match_the_reference()
    {
        using var loaded = EmbeddingModel.Open(FixturePaths.Model("siglip-tiny"));
        var image = loaded.EmbedImage(FixturePaths.Image(ReferenceManifest.Images[0]));
        var texts = loaded.EmbedTexts(ReferenceManifest.Strings).Normalized;
        var expected = ReferenceManifest.Floats("siglip-tiny/probs_image0_vs_texts");
        var logits = loaded.Logits!;
        for (var i = 0; i < texts.Length; i++)
        {
            var cos = image.Zip(texts[i], (a, b) => (double)a * b).Sum();
            Assert.Equal(expected[i], logits.Probability(cos), 3);
        }
    }
}
