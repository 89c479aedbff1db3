using ResearchKit.Imaging;

namespace ResearchKit.Tests.Imaging;

/// <summary>Our resampler against Pillow's Image.resize output stored by tests/fixtures/formats/make_formats.py.</summary>
public sealed class ResamplerTests
{
    public static TheoryData<string, int, int> Cases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var filter in new[] { "nearest", "bilinear", "bicubic", "lanczos", "box", "hamming" })
            foreach (var (w, h) in new[] { (13, 9), (50, 41), (37, 8), (11, 23) })
                data.Add(filter, w, h);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Resize_equals_Pillow_byte_for_byte(string filter, int width, int height)
    {
        var source = ImageDecoder.Decode(FormatFixtures.File("rgb.png"));
        var expected = FormatFixtures.Expected($"resize_{filter}_{width}x{height}.rgb");
        var actual = PillowResampler.Resize(source, width, height, Enum.Parse<ResamplingFilter>(filter, ignoreCase: true));
        Assert.Equal(expected, Rgb(actual));
    }

    [Fact]
    public void Alpha_images_resize_premultiplied_like_Pillow()
    {
        var source = ImageDecoder.Decode(FormatFixtures.File("rgba.png"));
        AlphaPremultiplication.Premultiply(source);
        var resized = PillowResampler.Resize(source, 20, 30, ResamplingFilter.Bicubic);
        AlphaPremultiplication.Unpremultiply(resized);
        Assert.Equal(FormatFixtures.Expected("resize_rgba_bicubic_20x30.rgba"), resized.Pixels);
    }

    [Theory]
    [InlineData(ResamplingFilter.Bicubic, 300, 200)]
    [InlineData(ResamplingFilter.Lanczos, 97, 251)]
    [InlineData(ResamplingFilter.Bilinear, 640, 100)]
    [InlineData(ResamplingFilter.Nearest, 301, 203)]
    public void A_window_equals_the_same_crop_of_the_full_resize(ResamplingFilter filter, int width, int height)
    {
        var source = ImageDecoder.Decode(FixturePaths.Image("photo_coffee.jpg"));
        var full = PillowResampler.Resize(source, width, height, filter);
        var window = new PixelWindow(width / 5, height / 7, width / 2, height / 3);
        var part = PillowResampler.Resize(source, width, height, filter, window);
        Assert.Equal(PillowResampler.Crop(full, window).Pixels, part.Pixels);
    }

    [Fact]
    public void Large_images_give_the_same_bytes_whatever_the_thread_split()
    {
        // Big enough to take the parallel path; compared with a row-by-row resize of the same rows.
        var source = ImageDecoder.Decode(FixturePaths.Image("photo_astronaut.jpg"));
        var big = PillowResampler.Resize(source, 2000, 1900, ResamplingFilter.Bicubic);
        var down = PillowResampler.Resize(big, 224, 224, ResamplingFilter.Bicubic);
        for (var y = 0; y < 224; y += 37)
        {
            var row = PillowResampler.Resize(big, 224, 224, ResamplingFilter.Bicubic, new PixelWindow(0, y, 224, 1));
            Assert.Equal(down.Pixels.AsSpan(y * 224 * 4, 224 * 4).ToArray(), row.Pixels);
        }
    }

    private static byte[] Rgb(RgbaImage image)
    {
        var rgb = new byte[image.Width * image.Height * 3];
        for (int i = 0, p = 0; i < rgb.Length; i += 3, p += 4)
        {
            rgb[i] = image.Pixels[p];
            rgb[i + 1] = image.Pixels[p + 1];
            rgb[i + 2] = image.Pixels[p + 2];
        }
        return rgb;
    }
}
