using ResearchKit.Imaging;

namespace ResearchKit.Tests.Imaging;

/// <summary>
/// The AVX2 resampling passes against the scalar reference path, byte for byte, on random images, sizes,
/// filters and windows (the scalar path is the one the Pillow fixtures prove).
/// </summary>
public sealed class VectorResamplerTests
{
    private static readonly ResamplingFilter[] Filters =
        [ResamplingFilter.Bilinear, ResamplingFilter.Bicubic, ResamplingFilter.Lanczos, ResamplingFilter.Box, ResamplingFilter.Hamming];

    /// <summary>Random pixels with flat 0 and 255 patches, so overshoot and clipping happen.</summary>
    internal static RgbaImage RandomImage(Random random, int width, int height, SourceMode mode)
    {
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if ((x / 5 + y / 3) % 4 == 0)
                    pixels.AsSpan((y * width + x) * 4, 4).Fill((x / 5) % 2 == 0 ? (byte)0 : (byte)255);
        return new RgbaImage(width, height, mode, pixels);
    }

    [Avx2Fact]
    public void Vector_and_scalar_paths_give_the_same_bytes()
    {
        var random = new Random(20);
        for (var i = 0; i < 300; i++)
        {
            var mode = i % 3 == 0 ? SourceMode.Rgba : SourceMode.Rgb;  // Rgb images keep garbage alpha bytes: the output must force 255
            var source = RandomImage(random, random.Next(1, 160), random.Next(1, 160), mode);
            var width = random.Next(1, 2 * source.Width + 3);
            var height = random.Next(1, 2 * source.Height + 3);
            var filter = Filters[i % Filters.Length];
            var wx = random.Next(width);
            var wy = random.Next(height);
            var window = i % 4 == 0 ? PixelWindow.Full(width, height)
                : new PixelWindow(wx, wy, random.Next(1, width - wx + 1), random.Next(1, height - wy + 1));
            var fast = PillowResampler.Resize(source, width, height, filter, window, 1, vectorized: true);
            var slow = PillowResampler.Resize(source, width, height, filter, window, 1, vectorized: false);
            Assert.True(slow.Pixels.AsSpan().SequenceEqual(fast.Pixels),
                $"case {i}: {source.Width}x{source.Height} {mode} -> {width}x{height} {filter} window {window}");
        }
    }

    [Avx2Fact]
    public void Large_downscales_take_the_vector_path_and_match()
    {
        var source = RandomImage(new Random(7), 1999, 1003, SourceMode.Rgb);
        foreach (var filter in Filters)
        {
            var k = ResizeCoefficients.Compute(source.Width, 224, filter);
            Assert.True(new HorizontalResampler(k, source.Width, 0, 224).IsVectorized);
            var fast = PillowResampler.Resize(source, 224, 224, filter, null, 1, vectorized: true);
            var slow = PillowResampler.Resize(source, 224, 224, filter, null, 1, vectorized: false);
            Assert.Equal(slow.Pixels, fast.Pixels);
        }
    }
}
