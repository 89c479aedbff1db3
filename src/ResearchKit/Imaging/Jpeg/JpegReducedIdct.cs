using System.Runtime.CompilerServices;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// libjpeg's reduced-size inverse DCTs (jidctred.c: 4x4, 2x2, 1x1 outputs from an 8x8 block), used when
/// a JPEG is decoded at 1/2, 1/4 or 1/8 scale, in the same 64-bit integer arithmetic and range limiting.
/// </summary>
internal static unsafe class JpegReducedIdct
{
    /// <summary>Writes the block's <paramref name="size"/> x <paramref name="size"/> samples (size 8 is the full IDCT).</summary>
    public static void Transform(int size, short* c, int* q, byte* output, int stride, bool hasAc, bool vectorized)
    {
        switch (size)
        {
            case 8 or 4 or 2 when !hasAc: FillDc(size, c[0] * q[0], output, stride); break;
            case 8 when vectorized: JpegIdct.Transform(c, q, output, stride); break;
            case 8: JpegIdct.TransformScalar(c, q, output, stride); break;
            case 4: Transform4(c, q, output, stride); break;
            case 2: Transform2(c, q, output, stride); break;
            default: *output = DcSample(c[0], q[0]); break;
        }
    }

    /// <summary>The 1x1 output (1/8 scale): the dequantised DC, descaled by 3 and range-limited.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte DcSample(short dc, int quant) => RangeLimit((int)((dc * quant + 4L) >> 3));

    /// <summary>
    /// A block with only a DC coefficient: both passes take libjpeg's zero-AC shortcut, so every sample is
    /// range_limit[DESCALE(dequantised DC &lt;&lt; 2, 5)], whatever the output size.
    /// </summary>
    private static void FillDc(int size, int dequantized, byte* output, int stride)
    {
        var value = RangeLimit((int)(((long)(dequantized << 2) + 16) >> 5));
        for (var y = 0; y < size; y++) new Span<byte>(output + y * stride, size).Fill(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte RangeLimit(int value) => (byte)Math.Clamp(((value << 22) >> 22) + 128, 0, 255);

    private static long Descale(long x, int n) => (x + (1L << (n - 1))) >> n;

    private static void Transform4(short* c, int* q, byte* output, int stride)
    {
        var workspace = stackalloc int[32];
        for (var col = 0; col < 8; col++)
        {
            if (col == 4) continue;  // column 4 does not contribute to a 4-point output
            long Z(int row) => c[row * 8 + col] * q[row * 8 + col];
            // libjpeg's zero-AC column shortcut; the full formula gives the same DC << 2 (Z(0) << 14 is a multiple of 2^12).
            if (c[8 + col] == 0 && c[16 + col] == 0 && c[24 + col] == 0 && c[40 + col] == 0 && c[48 + col] == 0 && c[56 + col] == 0)
            {
                workspace[col] = workspace[8 + col] = workspace[16 + col] = workspace[24 + col] = (int)(Z(0) << 2);
                continue;
            }
            var tmp0 = Z(0) << 14;
            var tmp2 = Z(2) * 15137 + Z(6) * -6270;
            var tmp10 = tmp0 + tmp2;
            var tmp12 = tmp0 - tmp2;
            long z1 = Z(7), z2 = Z(5), z3 = Z(3), z4 = Z(1);
            tmp0 = z1 * -1730 + z2 * 11893 + z3 * -17799 + z4 * 8697;
            tmp2 = z1 * -4176 + z2 * -4926 + z3 * 7373 + z4 * 20995;
            workspace[0 * 8 + col] = (int)Descale(tmp10 + tmp2, 12);
            workspace[3 * 8 + col] = (int)Descale(tmp10 - tmp2, 12);
            workspace[1 * 8 + col] = (int)Descale(tmp12 + tmp0, 12);
            workspace[2 * 8 + col] = (int)Descale(tmp12 - tmp0, 12);
        }
        for (var row = 0; row < 4; row++)
        {
            var w = workspace + row * 8;
            var o = output + row * stride;
            if (w[1] == 0 && w[2] == 0 && w[3] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0)
            {
                // Zero-AC row: the full formula gives DESCALE(w[0], 5) in every sample.
                o[0] = o[1] = o[2] = o[3] = RangeLimit((int)Descale(w[0], 5));
                continue;
            }
            var tmp0 = (long)w[0] << 14;
            var tmp2 = w[2] * 15137L + w[6] * -6270L;
            var tmp10 = tmp0 + tmp2;
            var tmp12 = tmp0 - tmp2;
            tmp0 = w[7] * -1730L + w[5] * 11893L + w[3] * -17799L + w[1] * 8697L;
            tmp2 = w[7] * -4176L + w[5] * -4926L + w[3] * 7373L + w[1] * 20995L;
            o[0] = RangeLimit((int)Descale(tmp10 + tmp2, 19));
            o[3] = RangeLimit((int)Descale(tmp10 - tmp2, 19));
            o[1] = RangeLimit((int)Descale(tmp12 + tmp0, 19));
            o[2] = RangeLimit((int)Descale(tmp12 - tmp0, 19));
        }
    }

    private static void Transform2(short* c, int* q, byte* output, int stride)
    {
        var workspace = stackalloc int[16];
        for (var col = 0; col < 8; col++)
        {
            if (col is 2 or 4 or 6) continue;  // even columns but 0 do not contribute to a 2-point output
            long Z(int row) => c[row * 8 + col] * q[row * 8 + col];
            var tmp10 = Z(0) << 15;
            // libjpeg's zero-AC column shortcut; the full formula gives the same DC << 2 (tmp10 is a multiple of 2^13).
            if (c[8 + col] == 0 && c[24 + col] == 0 && c[40 + col] == 0 && c[56 + col] == 0)
            {
                workspace[col] = workspace[8 + col] = (int)(tmp10 >> 13);
                continue;
            }
            var tmp0 = Z(7) * -5906 + Z(5) * 6967 + Z(3) * -10426 + Z(1) * 29692;
            workspace[col] = (int)Descale(tmp10 + tmp0, 13);
            workspace[8 + col] = (int)Descale(tmp10 - tmp0, 13);
        }
        for (var row = 0; row < 2; row++)
        {
            var w = workspace + row * 8;
            var o = output + row * stride;
            if (w[1] == 0 && w[3] == 0 && w[5] == 0 && w[7] == 0)
            {
                o[0] = o[1] = RangeLimit((int)Descale(w[0], 5));  // zero-AC row, as in Transform4
                continue;
            }
            var tmp10 = (long)w[0] << 15;
            var tmp0 = w[7] * -5906L + w[5] * 6967L + w[3] * -10426L + w[1] * 29692L;
            o[0] = RangeLimit((int)Descale(tmp10 + tmp0, 20));
            o[1] = RangeLimit((int)Descale(tmp10 - tmp0, 20));
        }
    }
}
