using System.Buffers;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// One scan's entropy-coded data with the byte stuffing (FF 00) removed and its restart markers taken
/// out, so the Huffman decoder reads plain big-endian bits. Records where each restart interval starts.
/// </summary>
internal sealed class EntropySegment : IDisposable
{
    // Readers peek 8 bytes at a time; the zero tail lets them run past the end (libjpeg also feeds zeros)
    // until the decoder's per-block check notices.
    private const int Tail = 512;  // more than one block can read, so a per-block overrun check is enough

    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1 << 16);
    private readonly List<int> _restarts = [];

    /// <summary>Unstuffed data (followed by zeros).</summary>
    public byte[] Bytes => _bytes;

    /// <summary>Unstuffed bytes in the scan.</summary>
    public int Length { get; private set; }

    /// <summary>Byte offset in <see cref="Bytes"/> where restart interval i + 1 starts.</summary>
    public IReadOnlyList<int> Restarts => _restarts;

    /// <summary>
    /// Reads the entropy-coded data that starts at <paramref name="start"/> and returns the offset of the
    /// marker that ends it. Restart markers must come in order (RST0..RST7 cycling).
    /// </summary>
    public int Read(ReadOnlySpan<byte> data, int start)
    {
        _restarts.Clear();
        var length = 0;
        var p = start;
        while (true)
        {
            var run = data[p..].IndexOf((byte)0xFF);
            if (run < 0) throw new UnsupportedJpegException("scan data runs to the end of the file");
            Append(data.Slice(p, run), ref length);
            p += run;
            var next = p + 1;
            while (next < data.Length && data[next] == 0xFF) next++;  // fill bytes before a marker
            if (next >= data.Length) throw new UnsupportedJpegException("scan data runs to the end of the file");
            var marker = data[next];
            if (marker == 0x00 && next == p + 1)
            {
                Append([0xFF], ref length);
                p = next + 1;
            }
            else if (marker is >= 0xD0 and <= 0xD7)
            {
                if (marker - 0xD0 != _restarts.Count % 8) throw new UnsupportedJpegException("restart markers out of order");
                _restarts.Add(length);
                p = next + 1;
            }
            else
            {
                if (marker == 0x00) throw new UnsupportedJpegException("stray fill bytes in scan data");
                Length = length;
                _bytes.AsSpan(length, Tail).Clear();
                return p;
            }
        }
    }

    private void Append(ReadOnlySpan<byte> bytes, ref int length)
    {
        if (length + bytes.Length + Tail > _bytes.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, length + bytes.Length + Tail));
            _bytes.AsSpan(0, length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }
        bytes.CopyTo(_bytes.AsSpan(length));
        length += bytes.Length;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = [];
    }
}
