using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Search;

/// <summary>Integer dot products of an int8 row with a quantised query: AVX-VNNI where the CPU has it, else AVX2.</summary>
internal static class Int8DotProduct
{
    public static bool VnniSupported => AvxVnni.IsSupported;

    /// <summary>
    /// Sum of unsigned query bytes times signed row bytes with vpdpbusd (32 byte pairs per instruction, no widening);
    /// the caller removes the +128 offset. Products of 255 x 127 summed over 65,536 dimensions stay inside int32.
    /// </summary>
    public static int DotOffset(ReadOnlySpan<sbyte> row, ReadOnlySpan<byte> offsetQuery)
    {
        var n = row.Length;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(offsetQuery);
        var i = 0;
        var sum = 0;
        if (AvxVnni.IsSupported && n >= 32)
        {
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            for (; i <= n - 64; i += 64)
            {
                acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)i));
                acc1 = AvxVnni.MultiplyWideningAndAdd(acc1, Vector256.LoadUnsafe(ref q, (nuint)(i + 32)), Vector256.LoadUnsafe(ref r, (nuint)(i + 32)));
            }
            if (i <= n - 32)
            {
                acc0 = AvxVnni.MultiplyWideningAndAdd(acc0, Vector256.LoadUnsafe(ref q, (nuint)i), Vector256.LoadUnsafe(ref r, (nuint)i));
                i += 32;
            }
            sum = Vector256.Sum(Avx2.Add(acc0, acc1));
        }
        for (; i < n; i++) sum += Unsafe.Add(ref q, i) * Unsafe.Add(ref r, i);
        return sum;
    }

    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        var n = row.Length;
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && n >= 16)
        {
            // vpmaddwd multiplies 16 int16 pairs and adds neighbours into 8 int32 lanes; two accumulators hide its latency.
            var acc0 = Vector256<int>.Zero;
            var acc1 = Vector256<int>.Zero;
            for (; i <= n - 32; i += 32)
            {
                acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(Widen(ref r, i), Vector256.LoadUnsafe(ref q, (nuint)i)));
                acc1 = Avx2.Add(acc1, Avx2.MultiplyAddAdjacent(Widen(ref r, i + 16), Vector256.LoadUnsafe(ref q, (nuint)(i + 16))));
            }
            if (i <= n - 16)
            {
                acc0 = Avx2.Add(acc0, Avx2.MultiplyAddAdjacent(Widen(ref r, i), Vector256.LoadUnsafe(ref q, (nuint)i)));
                i += 16;
            }
            sum = Vector256.Sum(Avx2.Add(acc0, acc1));
        }
        for (; i < n; i++) sum += Unsafe.Add(ref r, i) * Unsafe.Add(ref q, i);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Widen(ref sbyte row, int offset) =>
        Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref row, (nuint)offset));
}
