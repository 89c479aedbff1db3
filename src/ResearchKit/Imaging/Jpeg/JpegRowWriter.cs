using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// Turns decoded component planes into RGBA rows the way libjpeg-turbo does with its defaults: chroma
/// upsampled with the "fancy" triangle filter (jdsample.c: h2v1, h1v2, h2v2; plain replication for other
/// ratios and for planes two samples wide or less), edges replicated, then YCbCr to RGB with jdcolor.c's
/// 16-bit fixed-point constants. The AVX2 paths compute the same integers eight samples at a time.
/// </summary>
internal sealed unsafe class JpegRowWriter
{
    private enum Upsampling { Full, H2V1Fancy, H1V2Fancy, H2V2Fancy, Replicate }

    private readonly JpegFrame _frame;
    private readonly Upsampling[] _modes;
    private readonly (int H, int V)[] _expand;
    private readonly byte[][] _rows;
    private readonly short[] _columnSums;
    private readonly bool _vectorized;

    public JpegRowWriter(JpegFrame frame, bool vectorized = true)
    {
        _frame = frame;
        _vectorized = vectorized && Avx2.IsSupported;
        var count = frame.Components.Length;
        _modes = new Upsampling[count];
        _expand = new (int, int)[count];
        _rows = new byte[count][];
        var widest = frame.Components.Max(c => c.SampleWidth);
        _columnSums = new short[widest + 2 + 16];
        for (var i = 0; i < count; i++)
        {
            var c = frame.Components[i];
            // jdsample.c: an "input group" is h * DCT size / min DCT size samples, expanded to max_h (and v alike).
            var (inH, inV) = (c.Horizontal * c.DctSize / frame.MinDctSize, c.Vertical * c.DctSize / frame.MinDctSize);
            if (inH == 0 || inV == 0 || frame.MaxHorizontal % inH != 0 || frame.MaxVertical % inV != 0)
                throw new UnsupportedJpegException("fractional sampling ratio");
            var (h, v) = (frame.MaxHorizontal / inH, frame.MaxVertical / inV);
            // No fancy upsampling at 1/8 scale: libjpeg has no context rows when min_DCT_scaled_size is 1.
            var fancy = frame.MinDctSize > 1;
            _expand[i] = (h, v);
            _modes[i] = (h, v) switch
            {
                (1, 1) => Upsampling.Full,
                (2, 1) when fancy && c.SampleWidth > 2 => Upsampling.H2V1Fancy,
                (1, 2) when fancy => Upsampling.H1V2Fancy,
                (2, 2) when fancy && c.SampleWidth > 2 => Upsampling.H2V2Fancy,
                _ => Upsampling.Replicate,
            };
            _rows[i] = new byte[2 * (c.SampleWidth + 16) * h + 32];
        }
    }

    /// <summary>Writes output row <paramref name="y"/> as RGBA (alpha 255) into the first <c>OutputWidth * 4</c> bytes of <paramref name="rgba"/>.</summary>
    public void Write(int y, Span<byte> rgba)
    {
        var width = _frame.OutputWidth;
        fixed (byte* output = rgba)
        {
            if (_frame.Components.Length == 1)
            {
                fixed (byte* luma = Upsample(0, y)) Gray(luma, output, width);
                return;
            }
            fixed (byte* luma = Upsample(0, y))
            fixed (byte* cb = Upsample(1, y))
            fixed (byte* cr = Upsample(2, y))
                YccToRgba(luma, cb, cr, output, width);
        }
    }

    private ReadOnlySpan<byte> Upsample(int index, int y)
    {
        var c = _frame.Components[index];
        var mode = _modes[index];
        if (mode == Upsampling.Full) return c.Plane.AsSpan(y * c.Stride, c.Stride);
        var output = _rows[index];
        var (h, v) = _expand[index];
        if (mode == Upsampling.Replicate)
        {
            var source = c.Plane.AsSpan(y / v * c.Stride);
            for (var x = 0; x < _frame.OutputWidth; x++) output[x] = source[x / h];
            return output;
        }
        var near = mode == Upsampling.H2V1Fancy ? y : y >> 1;
        // The row above the first and below the last real row repeat it (libjpeg's context rows).
        var far = mode == Upsampling.H2V1Fancy ? y : Math.Clamp((y & 1) == 0 ? near - 1 : near + 1, 0, c.SampleHeight - 1);
        fixed (byte* nearRow = &c.Plane[near * c.Stride])
        fixed (byte* farRow = &c.Plane[far * c.Stride])
        fixed (byte* target = output)
        fixed (short* sums = _columnSums)
        {
            if (mode == Upsampling.H1V2Fancy) Vertical(nearRow, farRow, target, c.SampleWidth, (y & 1) == 0 ? 1 : 2);
            else if (mode == Upsampling.H2V1Fancy) Horizontal(nearRow, nearRow, target, sums, c.SampleWidth, 0, 1, 2, 2);
            else Horizontal(nearRow, farRow, target, sums, c.SampleWidth, 3, 8, 7, 4);
        }
        return output;
    }

    /// <summary>h1v2: each output sample is (3 * nearer + further + bias) / 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Vertical(byte* near, byte* far, byte* output, int width, int bias)
    {
        var x = 0;
        if (_vectorized)
        {
            var b = Vector128.Create((short)bias);
            for (; x + 8 <= width; x += 8)
            {
                var sum = Sse41.ConvertToVector128Int16(near + x) * Vector128.Create((short)3) + Sse41.ConvertToVector128Int16(far + x) + b;
                var packed = Sse2.PackUnsignedSaturate(Sse2.ShiftRightLogical(sum, 2), Vector128<short>.Zero);
                *(ulong*)(output + x) = packed.AsUInt64().ToScalar();
            }
        }
        for (; x < width; x++) output[x] = (byte)((near[x] * 3 + far[x] + bias) >> 2);
    }

    /// <summary>
    /// h2v1 / h2v2: column sums (3 * nearer row + further row, or the row itself when <paramref name="rowWeight"/>
    /// is 0) with the edge sums repeated, then two outputs per sum: (3 * sum + left + <paramref name="evenBias"/>)
    /// and (3 * sum + right + <paramref name="oddBias"/>), shifted right by <paramref name="shift"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Horizontal(byte* near, byte* far, byte* output, short* sums, int width, int rowWeight, int evenBias, int oddBias, int shift)
    {
        var x = 0;
        var s = sums + 1;
        if (_vectorized)
        {
            var weight = Vector128.Create((short)rowWeight);
            for (; x < width; x += 8)
            {
                var n = Sse41.ConvertToVector128Int16(near + x);
                var sum = rowWeight == 0 ? n : n * weight + Sse41.ConvertToVector128Int16(far + x);
                Sse2.Store(s + x, sum);
            }
        }
        else
            for (; x < width; x++) s[x] = (short)(rowWeight == 0 ? near[x] : near[x] * rowWeight + far[x]);
        s[-1] = s[0];
        s[width] = s[width - 1];

        x = 0;
        if (_vectorized)
        {
            var three = Vector128.Create((short)3);
            var even = Vector128.Create((short)evenBias);
            var odd = Vector128.Create((short)oddBias);
            for (; x + 8 <= width; x += 8)
            {
                var center = Sse2.LoadVector128(s + x) * three;
                var left = Vector128.ShiftRightLogical(center + Sse2.LoadVector128(s + x - 1) + even, shift);
                var right = Vector128.ShiftRightLogical(center + Sse2.LoadVector128(s + x + 1) + odd, shift);
                var bytes = Sse2.PackUnsignedSaturate(Sse2.UnpackLow(left, right), Sse2.UnpackHigh(left, right));
                Sse2.Store(output + 2 * x, bytes);
            }
        }
        for (; x < width; x++)
        {
            var center = s[x] * 3;
            output[2 * x] = (byte)((center + s[x - 1] + evenBias) >> shift);
            output[2 * x + 1] = (byte)((center + s[x + 1] + oddBias) >> shift);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Gray(byte* luma, byte* output, int width)
    {
        var x = 0;
        if (_vectorized)
            for (; x + 8 <= width; x += 8)
            {
                var y = Avx2.ConvertToVector256Int32(luma + x);
                Avx.Store((int*)(output + 4 * x), y * Vector256.Create(0x010101) | Vector256.Create(unchecked((int)0xFF000000)));
            }
        for (; x < width; x++) *(uint*)(output + 4 * x) = luma[x] * 0x010101u | 0xFF000000u;
    }

    // jdcolor.c: R = Y + 1.40200 Cr, G = Y - 0.34414 Cb - 0.71414 Cr, B = Y + 1.77200 Cb, constants scaled by 2^16.
    private const int CrToR = 91881, CbToB = 116130, CbToG = -22554, CrToG = -46802, OneHalf = 1 << 15;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void YccToRgba(byte* luma, byte* blue, byte* red, byte* output, int width)
    {
        var x = 0;
        if (_vectorized)
        {
            var center = Vector256.Create(128);
            var half = Vector256.Create(OneHalf);
            var max = Vector256.Create(255);
            var alpha = Vector256.Create(unchecked((int)0xFF000000));
            for (; x + 8 <= width; x += 8)
            {
                var y = Avx2.ConvertToVector256Int32(luma + x);
                var cb = Avx2.ConvertToVector256Int32(blue + x) - center;
                var cr = Avx2.ConvertToVector256Int32(red + x) - center;
                var r = y + Vector256.ShiftRightArithmetic(cr * Vector256.Create(CrToR) + half, 16);
                var g = y + Vector256.ShiftRightArithmetic(cb * Vector256.Create(CbToG) + cr * Vector256.Create(CrToG) + half, 16);
                var b = y + Vector256.ShiftRightArithmetic(cb * Vector256.Create(CbToB) + half, 16);
                r = Avx2.Min(Avx2.Max(r, Vector256<int>.Zero), max);
                g = Avx2.Min(Avx2.Max(g, Vector256<int>.Zero), max);
                b = Avx2.Min(Avx2.Max(b, Vector256<int>.Zero), max);
                Avx.Store((int*)(output + 4 * x), r | Vector256.ShiftLeft(g, 8) | Vector256.ShiftLeft(b, 16) | alpha);
            }
        }
        for (; x < width; x++)
        {
            int y = luma[x], cb = blue[x] - 128, cr = red[x] - 128;
            var o = output + 4 * x;
            o[0] = (byte)Math.Clamp(y + ((cr * CrToR + OneHalf) >> 16), 0, 255);
            o[1] = (byte)Math.Clamp(y + ((cb * CbToG + cr * CrToG + OneHalf) >> 16), 0, 255);
            o[2] = (byte)Math.Clamp(y + ((cb * CbToB + OneHalf) >> 16), 0, 255);
            o[3] = 255;
        }
    }
}
