namespace ResearchKit.Imaging;

/// <summary>
/// The continuous filter shapes behind Pillow's resize: each has a support radius (in source pixels at
/// scale 1) and a weight function. Antialiasing comes from stretching the support by the scale factor.
/// </summary>
internal static class ResamplingKernel
{
    public static double Support(ResamplingFilter filter) => filter switch
    {
        ResamplingFilter.Box => 0.5,
        ResamplingFilter.Bilinear or ResamplingFilter.Hamming => 1.0,
        ResamplingFilter.Bicubic => 2.0,
        ResamplingFilter.Lanczos => 3.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "nearest has no convolution kernel"),
    };

    public static double Weight(ResamplingFilter filter, double x) => filter switch
    {
        ResamplingFilter.Box => x > -0.5 && x <= 0.5 ? 1.0 : 0.0,
        ResamplingFilter.Bilinear => Triangle(x),
        ResamplingFilter.Hamming => Hamming(x),
        ResamplingFilter.Bicubic => Cubic(x),
        ResamplingFilter.Lanczos => x >= -3.0 && x < 3.0 ? Sinc(x) * Sinc(x / 3.0) : 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "nearest has no convolution kernel"),
    };

    private static double Triangle(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    // Keys' cubic with a = -0.5, the value Pillow uses.
    private static double Cubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
        if (x < 2.0) return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
        return 0.0;
    }

    private static double Hamming(double x)
    {
        x = Math.Abs(x);
        if (x == 0.0) return 1.0;
        if (x >= 1.0) return 0.0;
        x *= Math.PI;
        // Pillow writes these constants as C floats (0.54f, 0.46f in src/libImaging/Resample.c), widened to double:
        // with exact 0.54 and 0.46, about 1 weight in 150 rounds one fixed-point step apart and pixels can differ by 1.
        return Math.Sin(x) / x * (0.54f + 0.46f * Math.Cos(x));
    }

    private static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
