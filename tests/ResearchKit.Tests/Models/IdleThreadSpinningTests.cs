using ResearchKit.Models;

namespace ResearchKit.Tests.Models;

/// <summary>
/// Whether ONNX Runtime's idle threads spin only decides who gets the cores between calls: every model embeds the
/// same bits either way, and the space identity (which decides whether stored vectors may mix) does not change.
/// </summary>
public sealed class IdleThreadSpinningTests
{
    [Theory]
    [InlineData("siglip-tiny")]
    [InlineData("dinov2-tiny")]
    [InlineData("eva02-clip-tiny")]
    public void Spinning_changes_no_vector_and_not_the_space(string name)
    {
        using var sleeping = EmbeddingModel.Open(FixturePaths.Model(name));
        using var spinning = EmbeddingModel.Open(FixturePaths.Model(name), new EmbeddingModelOptions { Encoder = EncoderOptions.Default with { IntraOpSpinning = true } });

        Assert.False(EncoderOptions.Default.IntraOpSpinning);
        foreach (var image in new[] { "photo_astronaut.jpg", "photo_coffee.jpg" })
            Assert.Equal(sleeping.EmbedImage(FixturePaths.Image(image)), spinning.EmbedImage(FixturePaths.Image(image)));
        Assert.Equal(sleeping.Identity.Fingerprint, spinning.Identity.Fingerprint);
    }
}
