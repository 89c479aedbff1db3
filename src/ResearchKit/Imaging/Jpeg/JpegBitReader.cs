using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// Reads an unstuffed entropy segment through a 64-bit buffer whose top <see cref="Count"/> bits are the
/// next bits of the stream. A refill tops it up to 56-63 bits with one unaligned 8-byte load and no branch
/// (the bits below the count are the stream's own next bits, so topping up again is harmless); a symbol
/// plus its extra bits is at most 31 bits, so one refill per symbol is enough.
/// </summary>
internal unsafe struct JpegBitReader
{
    public ulong Bits;
    public int Count;
    public byte* Next;
    private byte* _start;

    /// <summary>Starts reading at byte <paramref name="offset"/> of <paramref name="data"/> (after a restart marker, or at the scan start).</summary>
    public void Reset(byte* data, int offset)
    {
        _start = data;
        Next = data + offset;
        Bits = 0;
        Count = 0;
        Refill();
    }

    /// <summary>Bits consumed since the start of the data.</summary>
    public readonly long Position => (Next - _start) * 8L - Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Refill()
    {
        Bits |= BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(Next)) >> Count;
        Next += (63 - Count) >> 3;
        Count |= 56;
    }

    /// <summary>Decodes one Huffman symbol.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Symbol(HuffmanTable table)
    {
        if (Count < 32) Refill();
        int entry = table.LookupPointer[Bits >> (64 - HuffmanTable.LookupBits)];
        if (entry == 0) entry = table.DecodeLong(Bits);
        Skip(entry >> 8);
        return entry & 0xFF;
    }

    /// <summary>Reads <paramref name="count"/> (0-16) raw bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Read(int count)
    {
        if (count == 0) return 0;
        if (Count < 32) Refill();
        var value = (int)(Bits >> (64 - count));
        Skip(count);
        return value;
    }

    /// <summary>Reads a <paramref name="size"/>-bit magnitude category value and sign-extends it (0 for size 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReceiveExtend(int size) => size == 0 ? 0 : HuffmanTable.Extend(Read(size), size);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count)
    {
        Bits <<= count;
        Count -= count;
    }
}
