using CsCheck;
using ResearchKit.Imaging;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// <see cref="PillowResampler"/> against <see cref="PillowResizeFormula"/> (Pillow's formulas evaluated per pixel) at
/// random sizes, filters and modes, and the output windows and thread counts the resampler adds on top.
/// </summary>
public sealed class PillowResizeProperties
{
    private static readonly ResamplingFilter[] Filters = Enum.GetValues<ResamplingFilter>();

    private static readonly SourceMode[] Modes = [SourceMode.Rgb, SourceMode.Rgba, SourceMode.Gray, SourceMode.GrayAlpha];

    // Noise, flat areas and hard edges: noise drives the negative lobes into clipping, flat areas test exact sums.
    private static Gen<RgbaImage> Image(int maxSide) =>
        from width in Gen.Int[1, maxSide]
        from height in Gen.Int[1, maxSide]
        from mode in Gen.OneOf(Modes)
        from levels in Gen.OneOf<byte[]>([0, 255], [0, 128, 255], [.. Enumerable.Range(0, 256).Select(i => (byte)i)])
        from pixels in Gen.Int[0, levels.Length - 1].Select(i => levels[i]).Array[width * height * 4]
        select MakeImage(width, height, mode, pixels);

    [Fact]
    public void The_fixed_point_weights_equal_Pillows_formula_at_random_sizes()
    {
        // Weights decide a pixel only when a sum lands near a rounding boundary, so they are compared on their own.
        Gen.Select(Gen.Int[1, 3000], Gen.Int[1, 3000], Gen.OneOf(Filters.Where(f => f != ResamplingFilter.Nearest).ToArray())).Sample((inSize, outSize, filter) =>
        {
            var expected = PillowResizeFormula.Coefficients(inSize, outSize, (int)filter);
            var actual = ResizeCoefficients.Compute(inSize, outSize, filter);
            for (var x = 0; x < outSize; x++)
            {
                Assert.Equal(expected[x].First, actual.First[x]);
                Assert.Equal(expected[x].Weights, actual.Weights.AsSpan(x * actual.KernelSize, actual.Count[x]).ToArray());
            }
        }, iter: 300, print: t => $"{t.Item1} -> {t.Item2} {t.Item3}");
    }

    [Fact]
    public void Every_filter_equals_Pillows_formula_at_random_sizes()
    {
        Gen.Select(Image(24), Gen.Int[1, 48], Gen.Int[1, 48], Gen.OneOf(Filters)).Sample((image, width, height, filter) =>
        {
            var channels = image.HasAlpha ? 4 : 3;
            var expected = PillowResizeFormula.Resize(image.Pixels, image.Width, image.Height, width, height, (int)filter, channels);
            var actual = PillowResampler.Resize(image, width, height, filter);
            Assert.Equal((width, height), (actual.Width, actual.Height));
            AssertChannelsEqual(expected, actual.Pixels, channels);
        }, iter: 400, print: Describe);
    }

    [Fact]
    public void A_window_is_the_same_part_of_the_full_resize()
    {
        (from image in Image(20)
         from width in Gen.Int[1, 40]
         from height in Gen.Int[1, 40]
         from x in Gen.Int[0, width - 1]
         from y in Gen.Int[0, height - 1]
         from w in Gen.Int[1, width - x]
         from h in Gen.Int[1, height - y]
         from filter in Gen.OneOf(Filters)
         select (image, width, height, new PixelWindow(x, y, w, h), filter))
        .Sample(t =>
        {
            var full = PillowResampler.Resize(t.image, t.width, t.height, t.filter);
            var part = PillowResampler.Resize(t.image, t.width, t.height, t.filter, t.Item4);
            Assert.Equal(PillowResampler.Crop(full, t.Item4).Pixels, part.Pixels);
        }, iter: 300);
    }

    [Fact]
    public void Large_images_split_across_threads_equal_Pillows_formula()
    {
        // Big enough that each pass crosses the resampler's threshold for running on several threads.
        Gen.Select(Gen.Int[700, 900], Gen.Int[500, 700], Gen.OneOf(ResamplingFilter.Bicubic, ResamplingFilter.Lanczos, ResamplingFilter.Hamming), Gen.Int)
            .Sample((side, target, filter, seed) =>
            {
                var rng = new Random(seed);
                var pixels = new byte[side * side * 4];
                rng.NextBytes(pixels);
                var image = MakeImage(side, side, SourceMode.Rgb, pixels);
                var expected = PillowResizeFormula.Resize(image.Pixels, side, side, target, target - 37, (int)filter, 3);
                var parallel = PillowResampler.Resize(image, target, target - 37, filter);
                AssertChannelsEqual(expected, parallel.Pixels, 3);
                Assert.Equal(parallel.Pixels, PillowResampler.Resize(image, target, target - 37, filter, maxThreads: 1).Pixels);
            }, iter: 2, threads: 1);
    }

    private static RgbaImage MakeImage(int width, int height, SourceMode mode, byte[] pixels)
    {
        for (var i = 0; i < pixels.Length; i += 4)
        {
            // Grey modes hold one value in R, G and B; modes without alpha are opaque, as the decoder makes them.
            if (mode is SourceMode.Gray or SourceMode.GrayAlpha) pixels[i + 1] = pixels[i + 2] = pixels[i];
            if (mode is SourceMode.Rgb or SourceMode.Gray) pixels[i + 3] = 255;
        }
        return new RgbaImage(width, height, mode, pixels);
    }

    // Without alpha, Pillow resamples three bands; the fourth byte carries nothing.
    private static void AssertChannelsEqual(byte[] expected, byte[] actual, int channels)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            if (i % 4 < channels && expected[i] != actual[i])
                Assert.Fail($"pixel {i / 4}, channel {i % 4}: Pillow's formula gives {expected[i]}, the resampler {actual[i]}");
    }

    private static string Describe((RgbaImage Image, int Width, int Height, ResamplingFilter Filter) t) =>
        $"{t.Image.Width}x{t.Image.Height} {t.Image.Mode} -> {t.Width}x{t.Height} {t.Filter}";
}
