using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// libjpeg's accurate integer inverse DCT (jidctint.c, "ISLOW": 13-bit constants, 2 extra bits between
/// passes, columns first) with its output range limiting, so samples equal libjpeg-turbo's byte for byte.
/// The AVX2 path runs all eight columns (then rows) at once in 32-bit lanes; libjpeg computes in 64 bits,
/// so a block whose coefficients could overflow 32 bits takes the scalar 64-bit path.
/// </summary>
internal static class JpegIdct
{
    // With every input at most this large, no 32-bit intermediate of either pass can overflow
    // (the largest sum of constant magnitudes in a pass is 178,219).
    private const int VectorLimit = 11_000;

    /// <summary>Transforms one block of quantised coefficients (natural order) into 8x8 samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Transform(short* coefficients, int* quant, byte* output, int stride)
    {
        if (!Avx2.IsSupported || !TransformVector(coefficients, quant, output, stride))
            TransformScalar(coefficients, quant, output, stride);
    }

    /// <summary>A block with only a DC coefficient: every sample is the same (libjpeg's shortcut gives the same value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void FillDc(short dc, int quant, byte* output, int stride)
    {
        var column = dc * quant << 2;                  // pass 1: int arithmetic, as libjpeg stores it
        var value = RangeLimit((int)((column + 16L) >> 5));
        var row = 0x0101010101010101ul * value;
        for (var y = 0; y < 8; y++) *(ulong*)(output + y * stride) = row;
    }

    /// <summary>libjpeg's post-IDCT range limit: index masked to 10 bits, read as signed, plus 128, clamped.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte RangeLimit(int value) => (byte)Math.Clamp(((value << 22) >> 22) + 128, 0, 255);

    private static unsafe bool TransformVector(short* c, int* q, byte* output, int stride)
    {
        var r0 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c), Avx.LoadVector256(q));
        var r1 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c + 8), Avx.LoadVector256(q + 8));
        var r2 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c + 16), Avx.LoadVector256(q + 16));
        var r3 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c + 24), Avx.LoadVector256(q + 24));
        var r4 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c + 32), Avx.LoadVector256(q + 32));
        var r5 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c + 40), Avx.LoadVector256(q + 40));
        var r6 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c + 48), Avx.LoadVector256(q + 48));
        var r7 = Avx2.MultiplyLow(Avx2.ConvertToVector256Int32(c + 56), Avx.LoadVector256(q + 56));
        if (!WithinLimit(r0, r1, r2, r3, r4, r5, r6, r7)) return false;

        // Pass 1 works on columns: each vector is one row of the block, its lanes the eight columns.
        Pass(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 11);
        if (!WithinLimit(r0, r1, r2, r3, r4, r5, r6, r7)) return false;
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
        Pass(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7, 18);
        Transpose(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);

        Store(Pack(r0, r1, r2, r3), output, stride);
        Store(Pack(r4, r5, r6, r7), output + 4 * stride, stride);
        return true;
    }

    private static bool WithinLimit(Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d,
        Vector256<int> e, Vector256<int> f, Vector256<int> g, Vector256<int> h)
    {
        var max = Avx2.Max(Avx2.Max(Avx2.Max(Avx2.Abs(a), Avx2.Abs(b)), Avx2.Max(Avx2.Abs(c), Avx2.Abs(d))),
                           Avx2.Max(Avx2.Max(Avx2.Abs(e), Avx2.Abs(f)), Avx2.Max(Avx2.Abs(g), Avx2.Abs(h))));
        var over = Avx2.CompareGreaterThan(max.AsInt32(), Vector256.Create(VectorLimit));
        return Avx.TestZ(over, over);
    }

    /// <summary>One 1-D pass of jpeg_idct_islow on eight lanes, descaled by <paramref name="shift"/> bits with rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pass(ref Vector256<int> i0, ref Vector256<int> i1, ref Vector256<int> i2, ref Vector256<int> i3,
        ref Vector256<int> i4, ref Vector256<int> i5, ref Vector256<int> i6, ref Vector256<int> i7, int shift)
    {
        // Even part.
        var z1 = (i2 + i6) * Vector256.Create(4433);
        var tmp2 = z1 + i6 * Vector256.Create(-15137);
        var tmp3 = z1 + i2 * Vector256.Create(6270);
        var tmp0 = Vector256.ShiftLeft(i0 + i4, 13);
        var tmp1 = Vector256.ShiftLeft(i0 - i4, 13);
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        // Odd part (inputs 7, 5, 3, 1).
        var o0 = i7;
        var o1 = i5;
        var o2 = i3;
        var o3 = i1;
        var z5 = (o0 + o2 + o1 + o3) * Vector256.Create(9633);
        var y1 = (o0 + o3) * Vector256.Create(-7373);
        var y2 = (o1 + o2) * Vector256.Create(-20995);
        var y3 = (o0 + o2) * Vector256.Create(-16069) + z5;
        var y4 = (o1 + o3) * Vector256.Create(-3196) + z5;
        o0 = o0 * Vector256.Create(2446) + y1 + y3;
        o1 = o1 * Vector256.Create(16819) + y2 + y4;
        o2 = o2 * Vector256.Create(25172) + y2 + y3;
        o3 = o3 * Vector256.Create(12299) + y1 + y4;

        var round = Vector256.Create(1 << (shift - 1));
        tmp10 += round;
        tmp11 += round;
        tmp12 += round;
        tmp13 += round;
        i0 = Vector256.ShiftRightArithmetic(tmp10 + o3, shift);
        i7 = Vector256.ShiftRightArithmetic(tmp10 - o3, shift);
        i1 = Vector256.ShiftRightArithmetic(tmp11 + o2, shift);
        i6 = Vector256.ShiftRightArithmetic(tmp11 - o2, shift);
        i2 = Vector256.ShiftRightArithmetic(tmp12 + o1, shift);
        i5 = Vector256.ShiftRightArithmetic(tmp12 - o1, shift);
        i3 = Vector256.ShiftRightArithmetic(tmp13 + o0, shift);
        i4 = Vector256.ShiftRightArithmetic(tmp13 - o0, shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose(ref Vector256<int> r0, ref Vector256<int> r1, ref Vector256<int> r2, ref Vector256<int> r3,
        ref Vector256<int> r4, ref Vector256<int> r5, ref Vector256<int> r6, ref Vector256<int> r7)
    {
        var t0 = Avx2.UnpackLow(r0, r1).AsInt64();
        var t1 = Avx2.UnpackHigh(r0, r1).AsInt64();
        var t2 = Avx2.UnpackLow(r2, r3).AsInt64();
        var t3 = Avx2.UnpackHigh(r2, r3).AsInt64();
        var t4 = Avx2.UnpackLow(r4, r5).AsInt64();
        var t5 = Avx2.UnpackHigh(r4, r5).AsInt64();
        var t6 = Avx2.UnpackLow(r6, r7).AsInt64();
        var t7 = Avx2.UnpackHigh(r6, r7).AsInt64();
        var u0 = Avx2.UnpackLow(t0, t2).AsInt32();
        var u1 = Avx2.UnpackHigh(t0, t2).AsInt32();
        var u2 = Avx2.UnpackLow(t1, t3).AsInt32();
        var u3 = Avx2.UnpackHigh(t1, t3).AsInt32();
        var u4 = Avx2.UnpackLow(t4, t6).AsInt32();
        var u5 = Avx2.UnpackHigh(t4, t6).AsInt32();
        var u6 = Avx2.UnpackLow(t5, t7).AsInt32();
        var u7 = Avx2.UnpackHigh(t5, t7).AsInt32();
        r0 = Avx2.Permute2x128(u0, u4, 0x20);
        r1 = Avx2.Permute2x128(u1, u5, 0x20);
        r2 = Avx2.Permute2x128(u2, u6, 0x20);
        r3 = Avx2.Permute2x128(u3, u7, 0x20);
        r4 = Avx2.Permute2x128(u0, u4, 0x31);
        r5 = Avx2.Permute2x128(u1, u5, 0x31);
        r6 = Avx2.Permute2x128(u2, u6, 0x31);
        r7 = Avx2.Permute2x128(u3, u7, 0x31);
    }

    /// <summary>Range-limits four rows of samples and packs them to bytes, row after row (8 bytes each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<byte> Pack(Vector256<int> a, Vector256<int> b, Vector256<int> c, Vector256<int> d)
    {
        var center = Vector256.Create(128);
        static Vector256<int> Wrap(Vector256<int> v) => Vector256.ShiftRightArithmetic(Vector256.ShiftLeft(v, 22), 22);
        var ab = Avx2.PackSignedSaturate(Wrap(a) + center, Wrap(b) + center);
        var cd = Avx2.PackSignedSaturate(Wrap(c) + center, Wrap(d) + center);
        // Packing interleaves the 128-bit lanes; the permute restores row order.
        return Avx2.PermuteVar8x32(Avx2.PackUnsignedSaturate(ab, cd).AsInt32(), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)).AsByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Store(Vector256<byte> rows, byte* output, int stride)
    {
        var words = rows.AsUInt64();
        *(ulong*)output = words.GetElement(0);
        *(ulong*)(output + stride) = words.GetElement(1);
        *(ulong*)(output + 2 * stride) = words.GetElement(2);
        *(ulong*)(output + 3 * stride) = words.GetElement(3);
    }

    /// <summary>The reference: jpeg_idct_islow in 64-bit arithmetic, for any coefficients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void TransformScalar(short* c, int* q, byte* output, int stride)
    {
        var workspace = stackalloc int[64];
        var v = stackalloc long[8];
        for (var col = 0; col < 8; col++)
        {
            for (var k = 0; k < 8; k++) v[k] = c[k * 8 + col] * q[k * 8 + col];
            Pass(v, 11);
            for (var k = 0; k < 8; k++) workspace[k * 8 + col] = (int)v[k];
        }
        for (var row = 0; row < 8; row++)
        {
            for (var k = 0; k < 8; k++) v[k] = workspace[row * 8 + k];
            Pass(v, 18);
            for (var k = 0; k < 8; k++) output[row * stride + k] = RangeLimit((int)v[k]);
        }
    }

    private static unsafe void Pass(long* v, int shift)
    {
        var z1 = (v[2] + v[6]) * 4433;
        var tmp2 = z1 + v[6] * -15137;
        var tmp3 = z1 + v[2] * 6270;
        var tmp0 = (v[0] + v[4]) << 13;
        var tmp1 = (v[0] - v[4]) << 13;
        var tmp10 = tmp0 + tmp3;
        var tmp13 = tmp0 - tmp3;
        var tmp11 = tmp1 + tmp2;
        var tmp12 = tmp1 - tmp2;

        long o0 = v[7], o1 = v[5], o2 = v[3], o3 = v[1];
        var z5 = (o0 + o2 + o1 + o3) * 9633;
        var y1 = (o0 + o3) * -7373;
        var y2 = (o1 + o2) * -20995;
        var y3 = (o0 + o2) * -16069 + z5;
        var y4 = (o1 + o3) * -3196 + z5;
        o0 = o0 * 2446 + y1 + y3;
        o1 = o1 * 16819 + y2 + y4;
        o2 = o2 * 25172 + y2 + y3;
        o3 = o3 * 12299 + y1 + y4;

        var round = 1L << (shift - 1);
        v[0] = (tmp10 + o3 + round) >> shift;
        v[7] = (tmp10 - o3 + round) >> shift;
        v[1] = (tmp11 + o2 + round) >> shift;
        v[6] = (tmp11 - o2 + round) >> shift;
        v[2] = (tmp12 + o1 + round) >> shift;
        v[5] = (tmp12 - o1 + round) >> shift;
        v[3] = (tmp13 + o0 + round) >> shift;
        v[4] = (tmp13 - o0 + round) >> shift;
    }
}
