using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Imaging;

/// <summary>
/// Pillow's vertical resampling pass, one output row at a time: each byte is the 22-bit fixed-point
/// weighted sum of the same byte in a run of source rows, rounded and clipped. The AVX2 path widens
/// eight bytes at a time to 32-bit lanes; the sums are the scalar path's, so the bytes are Pillow's.
/// </summary>
internal sealed class VerticalResampler
{
    private readonly ResizeCoefficients _k;
    private readonly bool _vectorized;

    /// <param name="k">Weights along the columns.</param>
    /// <param name="vectorized">Use AVX2 when the machine has it (false forces the scalar reference path).</param>
    public VerticalResampler(ResizeCoefficients k, bool vectorized = true)
    {
        _k = k;
        _vectorized = vectorized && Avx2.IsSupported;
    }

    /// <summary>First source row output row <paramref name="row"/> reads.</summary>
    public int FirstSourceRow(int row) => _k.First[row];

    /// <summary>One past the last source row output row <paramref name="row"/> reads.</summary>
    public int EndSourceRow(int row) => _k.First[row] + _k.Count[row];

    /// <summary>
    /// Computes output row <paramref name="row"/> into <paramref name="target"/> (its length is the row's
    /// bytes) from <paramref name="source"/>, where source row r starts at <c>(r - rowShift) * stride</c>.
    /// </summary>
    public void Resample(ReadOnlySpan<byte> source, int stride, int rowShift, int row, Span<byte> target, int channels)
    {
        var top = _k.First[row] - rowShift;
        var count = _k.Count[row];
        var weights = _k.Weights.AsSpan(row * _k.KernelSize, count);
        var done = _vectorized ? ResampleVector(source, stride, top, weights, target, channels) : 0;
        ResampleScalar(source, stride, top, weights, target[done..], done, channels);
    }

    /// <summary>Whole 8-byte groups with AVX2; returns how many bytes it wrote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe int ResampleVector(ReadOnlySpan<byte> source, int stride, int top, ReadOnlySpan<int> weights, Span<byte> target, int channels)
    {
        var n = target.Length;
        var half = Vector256.Create(ResizeCoefficients.Half);
        var alpha = Vector256.Create(channels == 4 ? 0 : unchecked((int)0xFF000000)).AsByte();
        var order = Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7);
        var x = 0;
        fixed (byte* srcBase = source)
        fixed (byte* dst = target)
        fixed (int* w = weights)
        {
            var src = srcBase + (long)top * stride;
            for (; x + 32 <= n; x += 32)
            {
                Vector256<int> a0 = half, a1 = half, a2 = half, a3 = half;
                var p = src + x;
                for (var t = 0; t < weights.Length; t++, p += stride)
                {
                    var wt = Vector256.Create(w[t]);
                    a0 = Avx2.Add(a0, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p), wt));
                    a1 = Avx2.Add(a1, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p + 8), wt));
                    a2 = Avx2.Add(a2, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p + 16), wt));
                    a3 = Avx2.Add(a3, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p + 24), wt));
                }
                var lo = Avx2.PackSignedSaturate(Shift(a0), Shift(a1));
                var hi = Avx2.PackSignedSaturate(Shift(a2), Shift(a3));
                // Packing works within 128-bit lanes; the permute puts the eight pixels back in order.
                var bytes = Avx2.PermuteVar8x32(Avx2.PackUnsignedSaturate(lo, hi).AsInt32(), order).AsByte();
                Avx.Store(dst + x, Avx2.Or(bytes, alpha));
            }
            for (; x + 8 <= n; x += 8)
            {
                var a = half;
                var p = src + x;
                for (var t = 0; t < weights.Length; t++, p += stride)
                    a = Avx2.Add(a, Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(p), Vector256.Create(w[t])));
                var s = Shift(a);
                var words = Sse2.PackSignedSaturate(s.GetLower(), s.GetUpper());
                var packed = Sse2.PackUnsignedSaturate(words, words).AsUInt64().ToScalar();
                *(ulong*)(dst + x) = packed | (channels == 4 ? 0ul : 0xFF000000_FF000000ul);
            }
        }
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Shift(Vector256<int> sum) => Avx2.ShiftRightArithmetic(sum, ResizeCoefficients.PrecisionBits);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResampleScalar(ReadOnlySpan<byte> source, int stride, int top, ReadOnlySpan<int> weights, Span<byte> target, int offset, int channels)
    {
        ref var src = ref MemoryMarshal.GetReference(source);
        for (var x = 0; x < target.Length; x += 4)
        {
            ref var p = ref Unsafe.Add(ref src, top * stride + offset + x);
            int s0 = ResizeCoefficients.Half, s1 = s0, s2 = s0, s3 = s0;
            for (var t = 0; t < weights.Length; t++)
            {
                var wt = weights[t];
                s0 += Unsafe.Add(ref p, 0) * wt;
                s1 += Unsafe.Add(ref p, 1) * wt;
                s2 += Unsafe.Add(ref p, 2) * wt;
                if (channels == 4) s3 += Unsafe.Add(ref p, 3) * wt;
                p = ref Unsafe.Add(ref p, stride);
            }
            if (channels != 4) s3 = 255 << ResizeCoefficients.PrecisionBits;
            target[x] = HorizontalResampler.Clip8(s0);
            target[x + 1] = HorizontalResampler.Clip8(s1);
            target[x + 2] = HorizontalResampler.Clip8(s2);
            target[x + 3] = HorizontalResampler.Clip8(s3);
        }
    }
}
