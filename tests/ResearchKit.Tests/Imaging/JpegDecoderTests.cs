using ResearchKit.Imaging;
using ResearchKit.Imaging.Jpeg;

namespace ResearchKit.Tests.Imaging;

/// <summary>
/// The managed JPEG decoder against SkiaSharp's libjpeg-turbo, byte for byte, over the variants in
/// tests/fixtures/formats/jpeg (made by make_jpegs.sh with cjpeg/jpegtran): every chroma subsampling,
/// odd sizes, restart intervals, progressive and multi-scan files, grey, quality 5 to 100.
/// </summary>
public sealed class JpegDecoderTests
{
    private static string Corpus => Path.Combine(Path.GetDirectoryName(FormatFixtures.File("rgb.png"))!, "jpeg");

    public static TheoryData<string> Handled()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Corpus, "*.jpg").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            if (!file!.StartsWith("fallback_", StringComparison.Ordinal)) data.Add(file);
        return data;
    }

    private static RgbaImage Skia(byte[] bytes) => ImageDecoder.DecodeWithSkia(bytes, "skia", new ImageLoadOptions(), null, out _);

    private static RgbaImage? Managed(byte[] bytes, bool vectorized)
    {
        var jpeg = JpegDecoder.ReadHeader(bytes);
        if (jpeg is null) return null;
        var image = new RgbaImage(jpeg.Frame.Width, jpeg.Frame.Height, jpeg.Mode);
        return jpeg.Decode(bytes, new ImageRowSink(image), vectorized) ? image : null;
    }

    [Theory]
    [MemberData(nameof(Handled))]
    public void Decodes_to_libjpeg_turbos_pixels(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus, file));
        var expected = Skia(bytes);
        foreach (var vectorized in new[] { true, false })
        {
            var actual = Managed(bytes, vectorized);
            Assert.NotNull(actual);  // handled, not passed to the fallback
            Assert.Equal((expected.Width, expected.Height, expected.Mode), (actual.Width, actual.Height, actual.Mode));
            Assert.True(expected.Pixels.AsSpan().SequenceEqual(actual.Pixels), $"{file} (vectorized {vectorized}): first difference at byte {FirstDifference(expected.Pixels, actual.Pixels)}");
        }
    }

    [Theory]
    [MemberData(nameof(Handled))]
    public void Scaled_decodes_equal_libjpeg_turbos_draft_pixels(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus, file));
        foreach (var scale in new[] { 2, 4, 8 })
        {
            // SkiaSharp's scaled decode is libjpeg's DCT scaling, what Pillow's Image.draft asks for.
            var options = new ImageLoadOptions { Draft = true };
            var skia = ImageDecoder.DecodeWithSkia(bytes, "skia", options, (w, h) => (Math.Max(1, w / scale), Math.Max(1, h / scale)), out _);
            var jpeg = JpegDecoder.ReadHeader(bytes)!;
            jpeg.Frame.SetScale(scale);
            var image = new RgbaImage(jpeg.Frame.OutputWidth, jpeg.Frame.OutputHeight, jpeg.Mode);
            Assert.True(jpeg.Decode(bytes, new ImageRowSink(image), scale: scale));
            if (jpeg.Frame.Width < scale || jpeg.Frame.Height < scale) continue;  // the draft rule never scales this far
            Assert.Equal((skia.Width, skia.Height), (image.Width, image.Height));
            Assert.True(skia.Pixels.AsSpan().SequenceEqual(image.Pixels), $"{file} at 1/{scale}: first difference at byte {FirstDifference(skia.Pixels, image.Pixels)}");
        }
    }

    [Theory]
    [InlineData("photo_astronaut.jpg")]
    [InlineData("photo_coffee.jpg")]
    [InlineData("exif_rotated.jpg")]
    public void Reference_photos_decode_to_libjpeg_turbos_pixels(string file)
    {
        var bytes = File.ReadAllBytes(FixturePaths.Image(file));
        Assert.Equal(Skia(bytes).Pixels, Managed(bytes, vectorized: true)!.Pixels);
    }

    [Theory]
    [InlineData("fallback_arithmetic.jpg")]
    [InlineData("fallback_rgb.jpg")]
    [InlineData("fallback_truncated_progressive.jpg")]
    public void Files_it_does_not_reproduce_go_to_SkiaSharp(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(Corpus, file));
        Assert.Null(Managed(bytes, vectorized: true));
        // ImageDecoder then gives SkiaSharp's pixels (or SkiaSharp's error) unchanged.
        RgbaImage? skia = null;
        try { skia = Skia(bytes); } catch (ImageDecodeException) { }
        if (skia is null) Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(bytes, file));
        else Assert.Equal(skia.Pixels, ImageDecoder.Decode(bytes, file).Pixels);
    }

    [Fact]
    public void Cmyk_goes_to_SkiaSharp()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.File("cmyk.jpg"));
        Assert.Null(JpegDecoder.ReadHeader(bytes));
    }

    [Fact]
    public unsafe void Vector_idct_equals_the_64_bit_reference_on_random_and_extreme_blocks()
    {
        var random = new Random(8);
        var coefficients = new short[64];
        var quant = new int[64];
        var fast = new byte[8 * 16];
        var slow = new byte[8 * 16];
        for (var i = 0; i < 20_000; i++)
        {
            var scale = i % 4 switch { 0 => 4, 1 => 64, 2 => 1024, _ => 32767 };
            for (var k = 0; k < 64; k++)
            {
                coefficients[k] = random.Next(3) == 0 ? (short)random.Next(-scale, scale + 1) : (short)0;
                quant[k] = random.Next(1, i % 5 == 0 ? 32768 : 100);
            }
            fixed (short* c = coefficients)
            fixed (int* q = quant)
            fixed (byte* f = fast)
            fixed (byte* s = slow)
            {
                JpegIdct.Transform(c, q, f + 3, 16);
                JpegIdct.TransformScalar(c, q, s + 3, 16);
            }
            Assert.True(slow.AsSpan().SequenceEqual(fast), $"block {i}");
        }
    }

    private static int FirstDifference(byte[] a, byte[] b) => a.AsSpan().CommonPrefixLength(b);
}
