namespace ResearchKit.Imaging;

/// <summary>
/// Per-output-pixel convolution weights along one axis, computed the way Pillow's resample does:
/// support stretched by the downscale factor (antialiasing), bounds rounded with <c>(int)(x + 0.5)</c>,
/// weights normalised to sum 1 in double, then rounded to fixed point with 22 fractional bits.
/// </summary>
internal sealed class ResizeCoefficients
{
    /// <summary>Fractional bits of the fixed-point weights: 32 - 8 (pixel) - 2 (headroom), as in Pillow.</summary>
    public const int PrecisionBits = 32 - 8 - 2;

    /// <summary>One half in the fixed-point scale: each pass's sums start here so the final shift rounds to nearest.</summary>
    public const int Half = 1 << (PrecisionBits - 1);

    private ResizeCoefficients(int kernelSize, int[] first, int[] count, int[] weights)
    {
        KernelSize = kernelSize;
        First = first;
        Count = count;
        Weights = weights;
    }

    /// <summary>Stride between the weight rows of consecutive output pixels.</summary>
    public int KernelSize { get; }

    /// <summary>First source index each output pixel reads.</summary>
    public int[] First { get; }

    /// <summary>Number of source pixels each output pixel reads.</summary>
    public int[] Count { get; }

    /// <summary>Fixed-point weights, <see cref="KernelSize"/> per output pixel.</summary>
    public int[] Weights { get; }

    public static ResizeCoefficients Compute(int inSize, int outSize, ResamplingFilter filter)
    {
        // Pillow passes the box edges as C floats; for whole-image resizes they are exact integers.
        var scale = (double)(float)inSize / outSize;
        var filterScale = Math.Max(scale, 1.0);
        var support = ResamplingKernel.Support(filter) * filterScale;
        var kernelSize = (int)Math.Ceiling(support) * 2 + 1;

        var first = new int[outSize];
        var count = new int[outSize];
        var weights = new int[outSize * kernelSize];
        var row = new double[kernelSize];
        var inverse = 1.0 / filterScale;

        for (var xx = 0; xx < outSize; xx++)
        {
            var center = (xx + 0.5) * scale;
            var xmin = Math.Max((int)(center - support + 0.5), 0);
            var xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;

            var total = 0.0;
            for (var x = 0; x < xmax; x++)
            {
                var w = ResamplingKernel.Weight(filter, (x + xmin - center + 0.5) * inverse);
                row[x] = w;
                total += w;
            }

            var offset = xx * kernelSize;
            for (var x = 0; x < xmax; x++)
            {
                var w = total != 0.0 ? row[x] / total : row[x];
                // Round half away from zero, as Pillow's normalize_coeffs_8bpc does.
                weights[offset + x] = w < 0
                    ? (int)(-0.5 + w * (1 << PrecisionBits))
                    : (int)(0.5 + w * (1 << PrecisionBits));
            }

            first[xx] = xmin;
            count[xx] = Math.Max(xmax, 0);
        }

        return new ResizeCoefficients(kernelSize, first, count, weights);
    }
}
