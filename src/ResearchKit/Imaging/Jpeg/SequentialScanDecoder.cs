using System.Buffers;
using System.Runtime.CompilerServices;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// The fast path for the common file: one sequential scan holding every component. A row of MCUs is
/// Huffman-decoded into a small coefficient buffer, then each block goes through the IDCT into its
/// component plane (a block with only a DC coefficient is a flat fill), so the two loops stay tight and
/// the buffer stays in cache. Decoding follows libjpeg's jdhuff.c.
/// </summary>
internal static unsafe class SequentialScanDecoder
{

    /// <summary>Decodes the scan and writes every block's samples into the components' planes.</summary>
    // Fully optimised from the first call: the loop runs once per image, so tiering would leave it in
    // on-stack-replaced code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Decode(JpegFrame frame, JpegScan scan, EntropySegment segment, bool vectorized, PreprocessStageTimes? stages = null)
    {
        var components = scan.Components;
        var (mcusAcross, mcusDown) = scan.Interleaved
            ? (frame.McusAcross, frame.McusDown)
            : (components[0].WidthInBlocks, components[0].HeightInBlocks);
        // Which component, and which block of its h x v group, each block of an MCU is.
        var slots = new List<(JpegComponent Component, int X, int Y)>();
        foreach (var c in components)
        {
            var (w, h) = scan.Interleaved ? (c.Horizontal, c.Vertical) : (1, 1);
            for (var y = 0; y < h; y++)
                for (var x = 0; x < w; x++) slots.Add((c, x, y));
        }
        var perMcu = slots.Count;
        // Per block of an MCU, in locals the loop reads without calls: its tables, its component's DC
        // predictor, and whether only its DC is read (1/8 scale: one sample per block).
        var dcTables = new HuffmanTable[perMcu];
        var acTables = new HuffmanTable[perMcu];
        var owner = stackalloc int[perMcu];
        var dcOnly = stackalloc bool[perMcu];
        for (var s = 0; s < perMcu; s++)
        {
            var c = slots[s].Component;
            dcTables[s] = c.DcTable!;
            acTables[s] = c.AcTable!;
            owner[s] = Array.IndexOf(components, c);
            dcOnly[s] = c.DctSize == 1;
        }
        var predictors = stackalloc int[components.Length];
        new Span<int>(predictors, components.Length).Clear();
        var blocks = ArrayPool<short>.Shared.Rent(mcusAcross * perMcu * 64);
        var hasAc = ArrayPool<bool>.Shared.Rent(mcusAcross * perMcu);
        blocks.AsSpan(0, mcusAcross * perMcu * 64).Clear();
        try
        {
            fixed (byte* data = segment.Bytes)
            fixed (short* buffer = blocks)
            fixed (int* natural = JpegScanDecoder.NaturalOrder)
            {
                var reader = new JpegBitReader();
                reader.Reset(data, 0);
                var end = (segment.Restarts.Count > 0 ? segment.Restarts[0] : segment.Length) * 8L;
                var restart = 0;
                var interval = scan.RestartInterval;
                var left = interval;  // MCUs before the next restart marker
                var entropy = 0L;
                var transform = 0L;
                for (var my = 0; my < mcusDown; my++)
                {
                    var rowStart = System.Diagnostics.Stopwatch.GetTimestamp();
                    for (var mx = 0; mx < mcusAcross; mx++)
                    {
                        if (interval > 0)
                        {
                            if (left == 0)
                            {
                                if (++restart > segment.Restarts.Count) throw new UnsupportedJpegException("missing restart marker");
                                reader.Reset(data, segment.Restarts[restart - 1]);
                                end = (restart < segment.Restarts.Count ? segment.Restarts[restart] : segment.Length) * 8L;
                                new Span<int>(predictors, components.Length).Clear();
                                left = interval;
                            }
                            left--;
                        }
                        for (var s = 0; s < perMcu; s++)
                        {
                            var index = mx * perMcu + s;
                            var block = buffer + index * 64;
                            hasAc[index] = dcOnly[s]
                                ? DecodeDcSkipAc(ref reader, block, dcTables[s], acTables[s], ref predictors[owner[s]])
                                : DecodeBlock(ref reader, block, dcTables[s], acTables[s], ref predictors[owner[s]], natural);
                            if (reader.Position > end) throw new UnsupportedJpegException("scan data ends early");
                        }
                    }
                    var decoded = System.Diagnostics.Stopwatch.GetTimestamp();
                    TransformRow(slots, mcusAcross, my, buffer, hasAc, vectorized, scan.Interleaved);
                    entropy += decoded - rowStart;
                    transform += System.Diagnostics.Stopwatch.GetTimestamp() - decoded;
                }
                if (stages is not null)
                {
                    stages.Entropy += TimeSpan.FromSeconds((double)entropy / System.Diagnostics.Stopwatch.Frequency);
                    stages.Transform += TimeSpan.FromSeconds((double)transform / System.Diagnostics.Stopwatch.Frequency);
                }
            }
        }
        finally
        {
            ArrayPool<short>.Shared.Return(blocks);
            ArrayPool<bool>.Shared.Return(hasAc);
        }
    }

    private static void TransformRow(List<(JpegComponent Component, int X, int Y)> slots, int mcusAcross, int mcuRow, short* buffer, bool[] hasAc, bool vectorized, bool interleaved)
    {
        var perMcu = slots.Count;
        for (var s = 0; s < perMcu; s++)
        {
            var (c, x, y) = slots[s];
            var (w, h) = interleaved ? (c.Horizontal, c.Vertical) : (1, 1);
            var row = mcuRow * h + y;
            if (row >= c.HeightInBlocks) continue;  // padding blocks of the last MCU row are decoded, not shown
            fixed (byte* plane = c.Plane)
            fixed (int* quant = c.Quant)
            {
                var columns = Math.Clamp((c.WidthInBlocks - x + w - 1) / w, 0, mcusAcross);
                if (c.DctSize == 1)
                {
                    // 1/8 scale: one sample per block from its DC (the only coefficient stored), in a loop with no
                    // per-block dispatch; padding blocks hold a DC too and are cleared for the next row.
                    var samples = plane + row * c.Stride + x;
                    for (var mx = 0; mx < mcusAcross; mx++)
                    {
                        var dc = buffer + (mx * perMcu + s) * 64;
                        if (mx < columns) samples[mx * w] = JpegReducedIdct.DcSample(*dc, quant[0]);
                        *dc = 0;
                    }
                    continue;
                }
                for (var mx = 0; mx < columns; mx++)
                {
                    var index = mx * perMcu + s;
                    var block = buffer + index * 64;
                    var size = c.DctSize;
                    var output = plane + row * size * c.Stride + (mx * w + x) * size;
                    JpegReducedIdct.Transform(size, block, quant, output, c.Stride, hasAc[index], vectorized);
                    if (hasAc[index]) new Span<short>(block, 64).Clear();
                    else block[0] = 0;
                }
                // Padding blocks past the real width were decoded too; clear them for the next row.
                for (var mx = columns; mx < mcusAcross; mx++) new Span<short>(buffer + (mx * perMcu + s) * 64, 64).Clear();
            }
        }
        // Padding rows: clear whatever was decoded into them.
        for (var s = 0; s < perMcu; s++)
        {
            var (c, _, y) = slots[s];
            var h = interleaved ? c.Vertical : 1;
            if (mcuRow * h + y >= c.HeightInBlocks)
                for (var mx = 0; mx < mcusAcross; mx++) new Span<short>(buffer + (mx * perMcu + s) * 64, 64).Clear();
        }
    }

    /// <summary>
    /// One sequential block: the DC difference (added to <paramref name="predictor"/>, stored as libjpeg's
    /// 16-bit coefficient), then AC run/size codes until end of block. Returns whether any AC was set.
    /// </summary>
    /// <param name="reader">The bit reader, advanced past the block.</param>
    /// <param name="block">64 zeroed coefficients, filled in natural order.</param>
    /// <param name="dc">The component's DC table.</param>
    /// <param name="ac">The component's AC table.</param>
    /// <param name="predictor">The component's last DC value.</param>
    /// <param name="natural">The zigzag-to-natural table (<see cref="JpegScanDecoder.NaturalOrder"/>), pinned.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool DecodeBlock(ref JpegBitReader reader, short* block, HuffmanTable dc, HuffmanTable ac, ref int predictor, int* natural)
    {
        const int Shift = 64 - HuffmanTable.LookupBits;
        // The reader's state lives in locals (registers) for the whole block.
        var bits = reader.Bits;
        var count = reader.Count;
        var next = reader.Next;
        block[0] = (short)DecodeDc(ref bits, ref count, ref next, dc, ref predictor);

        var fast = ac.FastAcPointer;
        var lookup = ac.LookupPointer;
        var any = false;
        int entry, length, size;
        for (var k = 1; k < 64; k++)
        {
            Refill(ref bits, ref count, ref next);
            var index = (int)(bits >> Shift);
            var f = fast[index];
            if (f != 0)
            {
                k += (f >> 8) & 15;
                block[natural[k]] = (short)(f >> 16);
                var used = f & 0xFF;
                bits <<= used;
                count -= used;
                any = true;
                continue;
            }
            entry = lookup[index];
            if (entry == 0) entry = ac.DecodeLong(bits);
            length = entry >> 8;
            var run = (entry >> 4) & 15;
            size = entry & 15;
            bits <<= length;
            count -= length;
            if (size != 0)
            {
                k += run;
                block[natural[k]] = (short)HuffmanTable.Extend((int)(bits >> (64 - size)), size);
                bits <<= size;
                count -= size;
                any = true;
            }
            else if (run == 15) k += 15;
            else break;
        }
        reader.Bits = bits;
        reader.Count = count;
        reader.Next = next;
        return any;
    }

    /// <summary>A block's DC difference added to the component's predictor; returns the new predictor (the DC value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int DecodeDc(ref ulong bits, ref int count, ref byte* next, HuffmanTable dc, ref int predictor)
    {
        if (count < 32) Refill(ref bits, ref count, ref next);
        int entry = dc.LookupPointer[bits >> (64 - HuffmanTable.LookupBits)];
        if (entry == 0) entry = dc.DecodeLong(bits);
        var length = entry >> 8;
        var size = entry & 15;
        bits <<= length;
        count -= length;
        if (size != 0)
        {
            predictor += HuffmanTable.Extend((int)(bits >> (64 - size)), size);
            bits <<= size;
            count -= size;
        }
        return predictor;
    }

    /// <summary>
    /// A sequential block whose AC coefficients nothing reads (1/8 scale): the DC as <see cref="DecodeBlock"/>
    /// stores it, then the AC codes and their extra bits are stepped over, mostly two per lookup, without
    /// being decoded to values.
    /// Consumes exactly the bits <see cref="DecodeBlock"/> does; returns false (no AC stored).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool DecodeDcSkipAc(ref JpegBitReader reader, short* block, HuffmanTable dc, HuffmanTable ac, ref int predictor)
    {
        var bits = reader.Bits;
        var count = reader.Count;
        var next = reader.Next;
        block[0] = (short)DecodeDc(ref bits, ref count, ref next, dc, ref predictor);

        var skip = ac.Skip.Entries;
        for (var k = 1; k < 64;)
        {
            // Unconditional: a refill that finds the buffer full is harmless, and cheaper than a mispredicted test.
            Refill(ref bits, ref count, ref next);
            var pair = skip[bits >> (64 - AcSkipTable.LookupBits)];
            int step;
            if (pair == 0)
            {
                var entry = ac.DecodeLong(bits);
                step = AcSkipTable.Step(entry & 0xFF, entry >> 8);
            }
            // Both codes when the first leaves the block open (the second is then this block's), else the first.
            else step = (int)(k + ((pair >> 8) & 0xFF) < 64 ? pair >> 16 : pair & 0xFFFF);
            var used = step & 0xFF;
            bits <<= used;
            count -= used;
            k += step >> 8;
        }
        reader.Bits = bits;
        reader.Count = count;
        reader.Next = next;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Refill(ref ulong bits, ref int count, ref byte* next)
    {
        bits |= System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(next)) >> count;
        next += (63 - count) >> 3;
        count |= 56;
    }
}
