using ResearchKit.Imaging;
using ResearchKit.Tests.Service;
using SkiaSharp;

namespace ResearchKit.Tests.Imaging;

/// <summary>Decoding within a pixel budget: exact within it, a box average (premultiplied with alpha) beyond it, refused from the header over the limit.</summary>
public sealed class ReducedImageDecoderTests
{
    [Fact]
    public void An_image_within_the_budget_decodes_exactly_as_the_full_decoder()
    {
        var png = Encode(Random(37, 29, alpha: false, seed: 1), SKEncodedImageFormat.Png);

        var reduced = ReducedImageDecoder.Decode(png, "small.png", maxDecodedPixels: 37 * 29);
        var full = ImageDecoder.Decode(png, "small.png");

        Assert.Equal((full.Width, full.Height, full.Mode), (reduced.Width, reduced.Height, reduced.Mode));
        Assert.Equal(full.Pixels, reduced.Pixels);
    }

    [Theory]
    [InlineData(false, SKEncodedImageFormat.Png)]
    [InlineData(true, SKEncodedImageFormat.Png)]
    [InlineData(false, SKEncodedImageFormat.Bmp)]
    public void A_larger_image_is_the_box_average_of_its_full_decode(bool alpha, SKEncodedImageFormat format)
    {
        var encoded = Encode(Random(37, 29, alpha, seed: 2), format);
        var full = ImageDecoder.Decode(encoded, "big");

        // 37x29 into 150 pixels: factor 3 gives 13x10 = 130.
        var reduced = ReducedImageDecoder.Decode(encoded, "big", maxDecodedPixels: 150);

        Assert.Equal((13, 10), (reduced.Width, reduced.Height));
        Assert.Equal(alpha ? SourceMode.Rgba : SourceMode.Rgb, reduced.Mode);
        var expected = BoxAverage(full, 3);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - reduced.Pixels[i]) <= 1, $"byte {i} (pixel {i / 4}, channel {i % 4}): expected {expected[i]}, got {reduced.Pixels[i]}");
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void A_large_jpeg_or_webp_is_reduced_inside_the_decoder_and_keeps_its_picture(SKEncodedImageFormat format)
    {
        var jpeg = Encode(Gradient(400, 300), format);
        var full = ImageDecoder.Decode(jpeg, "big");

        var reduced = ReducedImageDecoder.Decode(jpeg, "big", maxDecodedPixels: 100 * 75);

        Assert.True((long)reduced.Width * reduced.Height <= 100 * 75, $"{reduced.Width}x{reduced.Height}");
        Assert.Equal((100, 75), (reduced.Width, reduced.Height));
        var expected = BoxAverage(full, 4);
        var meanError = expected.Select((v, i) => Math.Abs(v - reduced.Pixels[i])).Average();
        Assert.True(meanError < 3, $"mean absolute difference from the box average {meanError:0.00}");
    }

    [Fact]
    public void A_9000_pixel_square_png_decodes_within_the_budget()
    {
        var png = SyntheticPng.Rgb(9000, 9000);

        var reduced = ReducedImageDecoder.Decode(png, "huge.png", maxDecodedPixels: 2048 * 2048);

        Assert.Equal((1800, 1800), (reduced.Width, reduced.Height));
        // Rows run from black to white: the reduced first and last rows keep that.
        Assert.InRange(reduced.Pixels[0], 0, 1);
        Assert.InRange(reduced.Pixels[^4], 254, 255);
    }

    [Fact]
    public void A_large_interlaced_png_which_cannot_stream_by_rows_is_refused_as_too_large()
    {
        var png = SyntheticPng.HeaderOnly(3000, 3000, interlaced: true);

        Assert.Throws<ImageTooLargeException>(() => ReducedImageDecoder.Decode(png, "interlaced.png", 1000 * 1000));
    }

    [Fact]
    public void A_header_over_the_pixel_limit_is_refused_before_decoding()
    {
        var bomb = SyntheticPng.HeaderOnly(30_000, 30_000);

        var error = Assert.Throws<ImageTooLargeException>(() => ReducedImageDecoder.Decode(bomb, "bomb.png", 2048 * 2048));

        Assert.Equal((30_000, 30_000), (error.Width, error.Height));
    }

    private static RgbaImage Random(int width, int height, bool alpha, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = alpha ? pixels[i] : (byte)255;
        return new RgbaImage(width, height, alpha ? SourceMode.Rgba : SourceMode.Rgb, pixels);
    }

    private static RgbaImage Gradient(int width, int height)
    {
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var p = (y * width + x) * 4;
                (pixels[p], pixels[p + 1], pixels[p + 2], pixels[p + 3]) = ((byte)(x * 255 / width), (byte)(y * 255 / height), 128, 255);
            }
        return new RgbaImage(width, height, SourceMode.Rgb, pixels);
    }

    private static byte[] Encode(RgbaImage image, SKEncodedImageFormat format)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, image.HasAlpha ? SKAlphaType.Unpremul : SKAlphaType.Opaque);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(image.Pixels, 0, bitmap.GetPixels(), image.Pixels.Length);
        if (format == SKEncodedImageFormat.Bmp) return Bmp(image);
        using var data = bitmap.Encode(format, 95);
        return data.ToArray();
    }

    // Skia writes no BMP; a 32-bit bottom-up BMP by hand (the order BMP files usually have).
    private static byte[] Bmp(RgbaImage image)
    {
        var rowBytes = image.Width * 4;
        var bytes = new byte[54 + rowBytes * image.Height];
        void Int(int at, int value) => BitConverter.GetBytes(value).CopyTo(bytes, at);
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        Int(2, bytes.Length);
        Int(10, 54);
        Int(14, 40);
        Int(18, image.Width);
        Int(22, image.Height);
        bytes[26] = 1;
        bytes[28] = 32;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var s = (y * image.Width + x) * 4;
                var d = 54 + (image.Height - 1 - y) * rowBytes + x * 4;
                (bytes[d], bytes[d + 1], bytes[d + 2], bytes[d + 3]) = (image.Pixels[s + 2], image.Pixels[s + 1], image.Pixels[s], 255);
            }
        return bytes;
    }

    // Pillow's reduce(): the mean of each factor x factor box (narrower at the edges), premultiplied when there is alpha.
    private static double[] BoxAverage(RgbaImage image, int factor)
    {
        var (w, h) = ((image.Width + factor - 1) / factor, (image.Height + factor - 1) / factor);
        var result = new double[w * h * 4];
        for (var oy = 0; oy < h; oy++)
            for (var ox = 0; ox < w; ox++)
            {
                double r = 0, g = 0, b = 0, a = 0, n = 0;
                for (var y = oy * factor; y < Math.Min(image.Height, (oy + 1) * factor); y++)
                    for (var x = ox * factor; x < Math.Min(image.Width, (ox + 1) * factor); x++)
                    {
                        var p = (y * image.Width + x) * 4;
                        var alpha = image.HasAlpha ? image.Pixels[p + 3] : 255.0;
                        r += image.Pixels[p] * alpha;
                        g += image.Pixels[p + 1] * alpha;
                        b += image.Pixels[p + 2] * alpha;
                        a += alpha;
                        n++;
                    }
                var o = (oy * w + ox) * 4;
                (result[o], result[o + 1], result[o + 2]) = a == 0 ? (0, 0, 0) : (Math.Round(r / a), Math.Round(g / a), Math.Round(b / a));
                result[o + 3] = Math.Round(a / n);
            }
        return result;
    }
}
