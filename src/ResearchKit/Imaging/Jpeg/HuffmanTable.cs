namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// One JPEG Huffman table, built and validated the way libjpeg builds its derived tables (counts,
/// canonical codes, no all-ones code), with a 10-bit lookahead for short codes and, for AC tables, a
/// table that decodes a short code together with its extra bits into (run, value) in one step, and an
/// <see cref="AcSkipTable"/> for AC coefficients a reduced decode never reads.
/// </summary>
internal sealed unsafe class HuffmanTable
{
    public const int LookupBits = 10;

    // Pinned like the lookup tables, so long codes are also decoded through pointers, without a call.
    private readonly int[] _maxCode = GC.AllocateArray<int>(18, pinned: true);
    private readonly int[] _valueOffset = GC.AllocateArray<int>(18, pinned: true);
    private readonly byte[] _values;
    // AC only: what the skip table is built from, on first use (only 1/8-scale decodes need it).
    private byte[]? _counts;
    private int[]? _codes;
    private AcSkipTable? _skip;

    private HuffmanTable(byte[] values, bool isDc)
    {
        _values = GC.AllocateArray<byte>(Math.Max(values.Length, 1), pinned: true);
        values.CopyTo(_values, 0);
        MaxCode = (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _maxCode[0]);
        ValueOffset = (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _valueOffset[0]);
        Values = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _values[0]);
        // Pinned for good, so the decoding loops read them through plain pointers.
        Lookup = GC.AllocateArray<ushort>(1 << LookupBits, pinned: true);
        FastAc = isDc ? null : GC.AllocateArray<int>(1 << LookupBits, pinned: true);
        LookupPointer = (ushort*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref Lookup[0]);
        FastAcPointer = FastAc is null ? null : (int*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref FastAc[0]);
    }

    /// <summary>For codes of up to <see cref="LookupBits"/> bits: <c>(length &lt;&lt; 8) | symbol</c>; 0 when the code is longer.</summary>
    public ushort[] Lookup { get; }

    /// <summary>AC only: <c>(value &lt;&lt; 16) | (run &lt;&lt; 8) | bits</c> when code and extra bits fit in the lookahead; 0 otherwise.</summary>
    public int[]? FastAc { get; }

    /// <summary>AC only: steps over codes without decoding their values; built on first use.</summary>
    public AcSkipTable Skip => _skip ??= AcSkipTable.Build(
        _counts ?? throw new InvalidOperationException("a DC table has no skip table"), _codes!, new ReadOnlySpan<byte>(_values, 0, _codes!.Length));

    /// <summary>Per code length 1-16, the largest code of that length (-1 when none): libjpeg's maxcode.</summary>
    public int* MaxCode { get; }

    /// <summary>Per code length, the index of its first symbol minus its first code: libjpeg's valoffset.</summary>
    public int* ValueOffset { get; }

    /// <summary>The symbols in code order.</summary>
    public byte* Values { get; }

    /// <summary><see cref="Lookup"/>, pinned.</summary>
    public ushort* LookupPointer { get; }

    /// <summary><see cref="FastAc"/>, pinned (null for DC tables).</summary>
    public int* FastAcPointer { get; }

    /// <summary>Builds a table from a DHT segment's 16 code counts and its symbols.</summary>
    /// <exception cref="UnsupportedJpegException">The table is one libjpeg would reject.</exception>
    public static HuffmanTable Build(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols, bool isDc)
    {
        var total = 0;
        for (var l = 0; l < 16; l++) total += counts[l];
        if (total > 256 || total != symbols.Length) throw new UnsupportedJpegException("bad Huffman table size");
        if (isDc)
            foreach (var s in symbols)
                if (s > 15) throw new UnsupportedJpegException("DC symbol over 15");

        var table = new HuffmanTable(symbols.ToArray(), isDc);
        var codes = new int[total];
        var code = 0;
        var p = 0;
        for (var l = 1; l <= 16; l++)
        {
            for (var i = 0; i < counts[l - 1]; i++) codes[p++] = code++;
            // Codes of one length must fit in it, and the all-ones code is reserved (libjpeg's check).
            if (counts[l - 1] > 0 && code >= 1 << l) throw new UnsupportedJpegException("bad Huffman code lengths");
            code <<= 1;
        }

        p = 0;
        for (var l = 1; l <= 16; l++)
        {
            if (counts[l - 1] == 0)
            {
                table._maxCode[l] = -1;
                continue;
            }
            table._valueOffset[l] = p - codes[p];
            p += counts[l - 1];
            table._maxCode[l] = codes[p - 1];
        }
        table._maxCode[17] = int.MaxValue;

        p = 0;
        for (var l = 1; l <= LookupBits; l++)
            for (var i = 0; i < counts[l - 1]; i++, p++)
            {
                var first = codes[p] << (LookupBits - l);
                for (var j = 0; j < 1 << (LookupBits - l); j++)
                    table.Lookup[first + j] = (ushort)((l << 8) | symbols[p]);
            }
        if (table.FastAc is { } fast) FillFastAc(table, fast);
        if (!isDc) (table._counts, table._codes) = (counts.ToArray(), codes);
        return table;
    }

    private static void FillFastAc(HuffmanTable table, int[] fast)
    {
        for (var i = 0; i < fast.Length; i++)
        {
            var entry = table.Lookup[i];
            if (entry == 0) continue;
            var length = entry >> 8;
            var run = (entry >> 4) & 15;
            var size = entry & 15;
            if (size == 0 || length + size > LookupBits) continue;
            var extra = (i >> (LookupBits - length - size)) & ((1 << size) - 1);
            fast[i] = (Extend(extra, size) << 16) | (run << 8) | (length + size);
        }
    }

    /// <summary>Decodes a code longer than the lookahead from the top 16 bits of <paramref name="bits"/>; returns <c>(length &lt;&lt; 8) | symbol</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int DecodeLong(ulong bits)
    {
        var code = (int)(bits >> 48);
        var length = LookupBits + 1;
        while (length < 16 && code >> (16 - length) > MaxCode[length]) length++;
        var c = code >> (16 - length);
        if (c > MaxCode[length]) BadCode();
        return (length << 8) | Values[ValueOffset[length] + c];
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void BadCode() => throw new UnsupportedJpegException("bad Huffman code");

    /// <summary>JPEG's sign extension of an <paramref name="size"/>-bit (1-15) magnitude category value (HUFF_EXTEND), without a branch.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int Extend(int value, int size) => value + (((value >> (size - 1)) - 1) & (1 - (1 << size)));
}
