namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// Steps over a block's AC codes when nothing reads their values (1/8 scale, where a block's one sample is its
/// DC): one lookup of the next <see cref="LookupBits"/> bits gives how many bits the next code and its extra
/// bits take and how many zigzag positions it moves past, and, when a second whole code follows within the
/// lookahead, the same for the pair, so most lookups step over two coefficients.
/// </summary>
internal sealed unsafe class AcSkipTable
{
    /// <summary>Bits looked at per lookup (16 K of table, within a core's L1 data cache).</summary>
    public const int LookupBits = 12;

    /// <summary>The positions an end-of-block symbol moves past: beyond the last coefficient from any position.</summary>
    public const int EndOfBlock = 64;

    private readonly uint[] _entries = GC.AllocateArray<uint>(1 << LookupBits, pinned: true);

    private AcSkipTable() => Entries = (uint*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _entries[0]);

    /// <summary>
    /// Per lookahead value: the low 16 bits are the first code's step, the high 16 bits the step of it and the
    /// code after it (the first code's step again when the second is longer than what is left of the lookahead
    /// or the first ends the block). A step is <c>(positions &lt;&lt; 8) | bits</c>; 0 when the first code is
    /// longer than the lookahead. Pinned.
    /// </summary>
    public uint* Entries { get; }

    /// <summary>
    /// Zigzag positions an AC symbol moves past: run + 1 for a coefficient, 16 for ZRL (run 15, size 0), and
    /// <see cref="EndOfBlock"/> for any other size-0 symbol, which libjpeg's sequential decoder takes as end of block.
    /// </summary>
    public static int Positions(int symbol) => (symbol & 15) != 0 ? (symbol >> 4) + 1 : symbol >> 4 == 15 ? 16 : EndOfBlock;

    /// <summary>The step of a code of <paramref name="length"/> bits for <paramref name="symbol"/>: <c>(positions &lt;&lt; 8) | (length + size)</c>.</summary>
    public static int Step(int symbol, int length) => (Positions(symbol) << 8) | (length + (symbol & 15));

    /// <summary>Builds the table from an AC table's code counts, canonical codes and symbols (as <see cref="HuffmanTable.Build"/> derived them).</summary>
    public static AcSkipTable Build(ReadOnlySpan<byte> counts, ReadOnlySpan<int> codes, ReadOnlySpan<byte> symbols)
    {
        // The single-code steps and code lengths first, then each entry's second code read from the bits after the first.
        var single = new int[1 << LookupBits];
        var lengths = new int[1 << LookupBits];
        var p = 0;
        for (var length = 1; length <= LookupBits; length++)
            for (var i = 0; i < counts[length - 1]; i++, p++)
            {
                var first = codes[p] << (LookupBits - length);
                for (var j = 0; j < 1 << (LookupBits - length); j++)
                {
                    single[first + j] = Step(symbols[p], length);
                    lengths[first + j] = length;
                }
            }

        var table = new AcSkipTable();
        for (var i = 0; i < single.Length; i++)
        {
            var step = single[i];
            if (step == 0) continue;
            var pair = step;
            var used = step & 0xFF;
            if (step >> 8 != EndOfBlock && used < LookupBits)
            {
                // The bits after the first code, zero-padded: a second code counts only if it ends within them
                // (its extra bits may run past the lookahead; they are only counted).
                var rest = (i << used) & ((1 << LookupBits) - 1);
                if (single[rest] != 0 && lengths[rest] <= LookupBits - used)
                    pair = (((step >> 8) + (single[rest] >> 8)) << 8) | (used + (single[rest] & 0xFF));
            }
            table._entries[i] = (uint)step | ((uint)pair << 16);
        }
        return table;
    }
}
