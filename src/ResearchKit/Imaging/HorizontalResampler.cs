using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Imaging;

/// <summary>
/// Pillow's horizontal resampling pass, one RGBA row at a time: each output pixel is the 22-bit
/// fixed-point weighted sum of a run of source pixels, rounded and clipped to 8 bits. The AVX2 path
/// gives every output pixel the same number of taps (its run padded with zero weights and shifted
/// inside the row), so the inner loop has no tail; integer sums are exact in any order, so both
/// paths give Pillow's bytes.
/// </summary>
internal sealed class HorizontalResampler
{
    private readonly ResizeCoefficients _k;
    private readonly int _firstColumn;
    private readonly int _taps;
    private readonly int[]? _start;
    private readonly int[]? _weights;

    /// <param name="k">Weights along the row.</param>
    /// <param name="sourceWidth">Pixels in a source row.</param>
    /// <param name="firstColumn">First output column computed (a crop window's left edge).</param>
    /// <param name="width">Output columns computed.</param>
    /// <param name="vectorized">Use AVX2 when the machine has it (false forces the scalar reference path).</param>
    public HorizontalResampler(ResizeCoefficients k, int sourceWidth, int firstColumn, int width, bool vectorized = true)
    {
        _k = k;
        _firstColumn = firstColumn;
        Width = width;
        var longest = 0;
        for (var x = 0; x < width; x++) longest = Math.Max(longest, k.Count[firstColumn + x]);
        _taps = (longest + 1) & ~1;  // two taps per 256-bit vector
        if (!vectorized || !Avx2.IsSupported || _taps == 0 || _taps > sourceWidth) return;

        _start = new int[width];
        _weights = new int[width * _taps * 4];
        for (var x = 0; x < width; x++)
        {
            var xx = firstColumn + x;
            var first = k.First[xx];
            var start = Math.Min(first, sourceWidth - _taps);
            _start[x] = start;
            var offset = first - start;
            for (var t = 0; t < k.Count[xx]; t++)
                _weights.AsSpan((x * _taps + offset + t) * 4, 4).Fill(k.Weights[xx * k.KernelSize + t]);
        }
    }

    /// <summary>Taps per output pixel (the longest run, rounded up to even).</summary>
    public int Taps => _taps;

    /// <summary>Output pixels per row.</summary>
    public int Width { get; }

    /// <summary>True when rows go through the AVX2 path.</summary>
    public bool IsVectorized => _weights is not null;

    /// <summary>Resamples one row; <paramref name="channels"/> 3 sets alpha to 255 as Pillow does for RGB.</summary>
    public void Resample(ReadOnlySpan<byte> source, Span<byte> target, int channels)
    {
        if (_weights is not null) ResampleVector(source, target, channels);
        else ResampleScalar(source, target, channels);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void ResampleVector(ReadOnlySpan<byte> source, Span<byte> target, int channels)
    {
        var taps = _taps;
        var alpha = channels == 4 ? 0u : 0xFF000000u;
        var half = Vector128.Create(ResizeCoefficients.Half);
        fixed (byte* src = source)
        fixed (byte* dst = target)
        fixed (int* weights = _weights)
        fixed (int* starts = _start)
        {
            var w = weights;
            for (var x = 0; x < Width; x++, w += taps * 4)
            {
                var p = src + starts[x] * 4;
                var acc0 = Vector256<int>.Zero;
                var acc1 = Vector256<int>.Zero;
                var t = 0;
                for (; t + 4 <= taps; t += 4)
                {
                    acc0 = Avx2.Add(acc0, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p + t * 4), Avx.LoadVector256(w + t * 4)));
                    acc1 = Avx2.Add(acc1, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p + t * 4 + 8), Avx.LoadVector256(w + t * 4 + 8)));
                }
                if (t < taps)
                    acc0 = Avx2.Add(acc0, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p + t * 4), Avx.LoadVector256(w + t * 4)));
                var acc = Avx2.Add(acc0, acc1);
                var sum = Sse2.ShiftRightArithmetic(Sse2.Add(Sse2.Add(acc.GetLower(), acc.GetUpper()), half), ResizeCoefficients.PrecisionBits);
                var words = Sse2.PackSignedSaturate(sum, sum);
                *(uint*)(dst + x * 4) = Sse2.PackUnsignedSaturate(words, words).AsUInt32().ToScalar() | alpha;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResampleScalar(ReadOnlySpan<byte> source, Span<byte> target, int channels)
    {
        var k = _k;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(target);
        ref var weights = ref MemoryMarshal.GetArrayDataReference(k.Weights);
        for (var x = 0; x < Width; x++)
        {
            var xx = x + _firstColumn;
            var count = k.Count[xx];
            ref var w = ref Unsafe.Add(ref weights, xx * k.KernelSize);
            ref var p = ref Unsafe.Add(ref src, k.First[xx] * 4);
            int s0 = ResizeCoefficients.Half, s1 = s0, s2 = s0, s3 = s0;
            for (var t = 0; t < count; t++)
            {
                var wt = Unsafe.Add(ref w, t);
                s0 += Unsafe.Add(ref p, 0) * wt;
                s1 += Unsafe.Add(ref p, 1) * wt;
                s2 += Unsafe.Add(ref p, 2) * wt;
                if (channels == 4) s3 += Unsafe.Add(ref p, 3) * wt;
                p = ref Unsafe.Add(ref p, 4);
            }
            if (channels != 4) s3 = 255 << ResizeCoefficients.PrecisionBits;
            ref var o = ref Unsafe.Add(ref dst, x * 4);
            o = Clip8(s0);
            Unsafe.Add(ref o, 1) = Clip8(s1);
            Unsafe.Add(ref o, 2) = Clip8(s2);
            Unsafe.Add(ref o, 3) = Clip8(s3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte Clip8(int value)
    {
        if (value >= 255 << ResizeCoefficients.PrecisionBits) return 255;
        if (value <= 0) return 0;
        return (byte)(value >> ResizeCoefficients.PrecisionBits);
    }
}
