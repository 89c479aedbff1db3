namespace ResearchKit.Tests.Properties;

/// <summary>
/// Pillow's <c>ImagingResample</c> evaluated directly, one output pixel at a time, from the formulas in Pillow's
/// src/libImaging/Resample.c (precompute_coeffs, normalize_coeffs_8bpc, the 8-bit passes, ImagingResampleInner) and,
/// for NEAREST, the accumulated affine position of ImagingScaleAffine in src/libImaging/Geometry.c. Deliberately
/// slow and plain: no windows, row ranges, threads or intermediate images, so it checks the optimised resampler.
/// </summary>
internal static class PillowResizeFormula
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const int Half = 1 << (PrecisionBits - 1);

    /// <summary>Pixel (x, y), channel c (0..3) of Pillow's <c>Image.resize(size, filter)</c> core, on interleaved RGBA bytes.</summary>
    public delegate byte Pixel(int x, int y, int c);

    /// <summary>The resized image as RGBA bytes; channels beyond <paramref name="channels"/> are left 0.</summary>
    public static byte[] Resize(byte[] rgba, int inWidth, int inHeight, int outWidth, int outHeight, int filter, int channels)
    {
        byte Source(int x, int y, int c) => rgba[(y * inWidth + x) * 4 + c];
        var result = new byte[outWidth * outHeight * 4];
        if (outWidth == inWidth && outHeight == inHeight) return (byte[])rgba.Clone();
        Pixel output;
        if (filter == 0)
        {
            var columns = NearestPositions(inWidth, outWidth);
            var rows = NearestPositions(inHeight, outHeight);
            output = (x, y, c) => Source(columns[x], rows[y], c);
        }
        else
        {
            var horizontal = Coefficients(inWidth, outWidth, filter);
            var vertical = Coefficients(inHeight, outHeight, filter);
            // The horizontal pass runs first and rounds to 8 bits; the vertical pass reads its bytes.
            Pixel afterHorizontal = outWidth != inWidth ? (x, y, c) => Convolve(horizontal[x], i => Source(i, y, c)) : Source;
            output = outHeight != inHeight ? (x, y, c) => Convolve(vertical[y], j => afterHorizontal(x, j, c)) : afterHorizontal;
        }
        for (var y = 0; y < outHeight; y++)
            for (var x = 0; x < outWidth; x++)
                for (var c = 0; c < channels; c++)
                    result[(y * outWidth + x) * 4 + c] = output(x, y, c);
        return result;
    }

    private static byte Convolve((int First, int[] Weights) taps, Func<int, byte> sample)
    {
        var sum = Half;
        for (var i = 0; i < taps.Weights.Length; i++) sum += sample(taps.First + i) * taps.Weights[i];
        // clip8: the table Pillow indexes with sum >> PRECISION_BITS saturates below 0 and above 255.
        return (byte)Math.Clamp(sum >> PrecisionBits, 0, 255);
    }

    /// <summary>precompute_coeffs with box (0, inSize), then the 8-bit fixed point of normalize_coeffs_8bpc.</summary>
    public static (int First, int[] Weights)[] Coefficients(int inSize, int outSize, int filter)
    {
        var scale = (double)((float)inSize - 0f) / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = Support(filter) * filterScale;
        var taps = new (int, int[])[outSize];
        for (var xx = 0; xx < outSize; xx++)
        {
            var center = 0f + (xx + 0.5) * scale;
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var count = Math.Min((int)(center + support + 0.5), inSize) - xmin;
            var raw = new double[Math.Max(count, 0)];
            var total = 0.0;
            for (var x = 0; x < raw.Length; x++) total += raw[x] = Filter(filter, (x + xmin - center + 0.5) * (1.0 / filterScale));
            var weights = new int[raw.Length];
            for (var x = 0; x < raw.Length; x++)
            {
                var w = total != 0.0 ? raw[x] / total : raw[x];
                weights[x] = w < 0 ? (int)(-0.5 + w * (1 << PrecisionBits)) : (int)(0.5 + w * (1 << PrecisionBits));
            }
            taps[xx] = (xmin, weights);
        }
        return taps;
    }

    /// <summary>Pillow's filter numbering: 1 LANCZOS, 2 BILINEAR, 3 BICUBIC, 4 BOX, 5 HAMMING.</summary>
    private static double Support(int filter) => filter switch { 4 => 0.5, 2 or 5 => 1.0, 3 => 2.0, 1 => 3.0, _ => throw new ArgumentOutOfRangeException(nameof(filter)) };

    private static double Filter(int filter, double x)
    {
        switch (filter)
        {
            case 4:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case 2:
                return Math.Abs(x) < 1.0 ? 1.0 - Math.Abs(x) : 0.0;
            case 5:
            {
                x = Math.Abs(x);
                if (x == 0.0) return 1.0;
                if (x >= 1.0) return 0.0;
                x *= Math.PI;
                // Pillow writes the Hamming constants as C floats (0.54f, 0.46f), widened to double.
                return Math.Sin(x) / x * (0.54f + 0.46f * Math.Cos(x));
            }
            case 3:
            {
                const double a = -0.5;
                x = Math.Abs(x);
                if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
                return 0.0;
            }
            case 1:
                return -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter));
        }
    }

    private static double Sinc(double x) => x == 0.0 ? 1.0 : Math.Sin(x * Math.PI) / (x * Math.PI);

    /// <summary>ImagingScaleAffine: the source position starts half a step in and adds one step per pixel.</summary>
    private static int[] NearestPositions(int inSize, int outSize)
    {
        var step = (double)((float)inSize - 0f) / outSize;
        var position = 0f + step * 0.5;
        var result = new int[outSize];
        for (var i = 0; i < outSize; i++, position += step) result[i] = (int)position;
        return result;
    }
}
