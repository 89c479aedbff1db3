using ResearchKit.Imaging;

namespace ResearchKit.Tests.Imaging;

public sealed class ThumbnailTests
{
    [Fact]
    public void Thumbnails_shrink_the_long_side_keep_the_aspect_and_never_enlarge()
    {
        var strip = ImageDecoder.Decode(Thumbnail.Png(FixturePaths.Image("thin.png"), 100), "thumb");
        var original = ImageDecoder.Decode(FixturePaths.Image("thin.png"));
        Assert.Equal(100, Math.Max(strip.Width, strip.Height));
        Assert.InRange(strip.Width / (double)strip.Height, original.Width / (double)original.Height * 0.5, original.Width / (double)original.Height * 2 + 0.02);

        var tiny = ImageDecoder.Decode(Thumbnail.Png(FixturePaths.Image("tiny_1x1.png"), 64), "thumb");
        Assert.Equal((1, 1), (tiny.Width, tiny.Height));
        Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", Thumbnail.DataUri(FixturePaths.Image("emoji_1f34e.png"), 16));
    }
}
