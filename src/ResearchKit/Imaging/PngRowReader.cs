using System.Buffers.Binary;
using System.IO.Compression;

namespace ResearchKit.Imaging;

/// <summary>
/// Reads a non-interlaced PNG one row at a time as 8-bit RGB (opaque 8-bit RGB files, as stored) or RGBA, holding only two rows, so a huge PNG can be reduced
/// without its full pixels ever in memory (Skia's PNG codec decodes whole images only). Every colour type and bit
/// depth of the PNG specification; 16-bit samples keep their high byte, palette colours are looked up, and tRNS
/// transparency is ignored as Pillow's <c>convert("RGB")</c> does. No colour management, as in <see cref="ImageDecoder"/>.
/// </summary>
internal sealed class PngRowReader : IImageRows
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly string _source;
    private readonly Stream _pixels;
    private readonly int _depth, _colorType, _channels, _bytesPerPixel;
    private readonly byte[] _palette;
    private byte[] _row, _previous;

    private PngRowReader(string source, int width, int height, int depth, int colorType, byte[] palette, Stream pixels)
    {
        (_source, Width, Height, _depth, _colorType, _palette, _pixels) = (source, width, height, depth, colorType, palette, pixels);
        _channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        _bytesPerPixel = Math.Max(1, _channels * depth / 8);
        var stride = (int)(((long)width * _channels * depth + 7) / 8);
        _row = new byte[stride];
        _previous = new byte[stride];
    }

    public int Width { get; }
    public int Height { get; }
    public bool HasAlpha => _colorType is 4 or 6;
    public bool BottomUp => false;
    public int Channels => _depth == 8 && _colorType == 2 ? 3 : 4;

    /// <summary>True when the bytes start with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Signature);

    /// <summary>Reads the chunks; null when the PNG is interlaced (its rows do not come in order).</summary>
    /// <exception cref="ImageDecodeException">A corrupt or truncated chunk layout or header.</exception>
    public static PngRowReader? Open(byte[] png, string source)
    {
        int width = 0, height = 0, depth = 0, colorType = 0, interlace = 0;
        var palette = Array.Empty<byte>();
        var data = new List<(int Offset, int Length)>();
        for (var at = Signature.Length; at + 8 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (length < 0 || at + 12L + length > png.Length) throw new ImageDecodeException(source, "the file is truncated (a PNG chunk ends early); send the whole file.");
            var body = png.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR" when length >= 13:
                    (width, height) = (BinaryPrimitives.ReadInt32BigEndian(body), BinaryPrimitives.ReadInt32BigEndian(body[4..]));
                    (depth, colorType, interlace) = (body[8], body[9], body[12]);
                    break;
                case "PLTE":
                    palette = body.ToArray();
                    break;
                case "IDAT":
                    data.Add((at + 8, length));
                    break;
            }
            at += 12 + length;
            if (type == "IEND") break;
        }
        var valid = colorType switch { 0 => depth is 1 or 2 or 4 or 8 or 16, 3 => depth is 1 or 2 or 4 or 8, 2 or 4 or 6 => depth is 8 or 16, _ => false };
        if (width <= 0 || height <= 0 || !valid || data.Count == 0 || (colorType == 3 && palette.Length < 3))
            throw new ImageDecodeException(source, "the PNG header or its chunks are corrupt; re-export the file.");
        if (interlace != 0) return null;
        return new PngRowReader(source, width, height, depth, colorType, palette, new ZLibStream(new ChunkStream(png, data), CompressionMode.Decompress));
    }

    /// <summary>Decodes the next row into <paramref name="row"/> (<c>Width * Channels</c> bytes).</summary>
    public void Read(Span<byte> row)
    {
        (_row, _previous) = (_previous, _row);
        int filter;
        try
        {
            filter = _pixels.ReadByte();
            if (filter < 0) throw new EndOfStreamException();
            _pixels.ReadExactly(_row);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new ImageDecodeException(_source, "the image data is truncated or corrupt; send the whole file.", e);
        }
        Unfilter(filter);
        ToPixels(row);
    }

    private void Unfilter(int filter)
    {
        var (row, up, bpp) = (_row, _previous, _bytesPerPixel);
        switch (filter)
        {
            case 0: break;
            case 1: for (var i = bpp; i < row.Length; i++) row[i] += row[i - bpp]; break;
            case 2: for (var i = 0; i < row.Length; i++) row[i] += up[i]; break;
            case 3: for (var i = 0; i < row.Length; i++) row[i] += (byte)(((i >= bpp ? row[i - bpp] : 0) + up[i]) >> 1); break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
                break;
            default: throw new ImageDecodeException(_source, $"row filter {filter} is not a PNG filter; the image data is corrupt.");
        }
    }

    private void ToPixels(Span<byte> rgba)
    {
        // 8-bit RGB and RGBA are already what the reducer takes; the rest goes through the general sample reader.
        if (_depth == 8 && _colorType is 2 or 6)
        {
            _row.CopyTo(rgba);
            return;
        }
        for (var x = 0; x < Width; x++)
        {
            var o = x * 4;
            switch (_colorType)
            {
                case 0:
                    rgba[o] = rgba[o + 1] = rgba[o + 2] = Sample(x, 0);
                    rgba[o + 3] = 255;
                    break;
                case 3:
                    var index = Packed(x) * 3;
                    (rgba[o], rgba[o + 1], rgba[o + 2]) = index + 2 < _palette.Length ? (_palette[index], _palette[index + 1], _palette[index + 2]) : ((byte)0, (byte)0, (byte)0);
                    rgba[o + 3] = 255;
                    break;
                case 4:
                    rgba[o] = rgba[o + 1] = rgba[o + 2] = Sample(x, 0);
                    rgba[o + 3] = Sample(x, 1);
                    break;
                default:
                    (rgba[o], rgba[o + 1], rgba[o + 2]) = (Sample(x, 0), Sample(x, 1), Sample(x, 2));
                    rgba[o + 3] = _colorType == 6 ? Sample(x, 3) : (byte)255;
                    break;
            }
        }
    }

    // Channel c of pixel x as 8 bits: the high byte of 16-bit samples, low depths scaled up (grey only).
    private byte Sample(int x, int c) => _depth switch
    {
        16 => _row[(x * _channels + c) * 2],
        8 => _row[x * _channels + c],
        _ => (byte)(Packed(x) * 255 / ((1 << _depth) - 1)),
    };

    // A sub-byte sample (palette index or low-depth grey), packed from the most significant bit.
    private int Packed(int x)
    {
        if (_depth == 8) return _row[x];
        var bit = x * _depth;
        return (_row[bit >> 3] >> (8 - _depth - (bit & 7))) & ((1 << _depth) - 1);
    }

    public void Dispose() => _pixels.Dispose();

    // The IDAT chunks' data, read as one stream.
    private sealed class ChunkStream(byte[] png, List<(int Offset, int Length)> chunks) : Stream
    {
        private int _chunk, _at;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_chunk < chunks.Count && _at == chunks[_chunk].Length) (_chunk, _at) = (_chunk + 1, 0);
            if (_chunk == chunks.Count) return 0;
            var n = Math.Min(buffer.Length, chunks[_chunk].Length - _at);
            png.AsSpan(chunks[_chunk].Offset + _at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
