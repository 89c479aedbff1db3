using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace ResearchKit.Tests.Service;

/// <summary>
/// Writes valid PNG files of any size without holding their pixels: rows of a soft gradient stream through zlib,
/// so a 9000x9000 image is a few hundred kilobytes on the wire and 324 MB once decoded.
/// </summary>
public static class SyntheticPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An 8-bit RGB PNG of <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static byte[] Rgb(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;   // bit depth
        header[9] = 2;   // colour type RGB
        Chunk(png, "IHDR", header);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
            {
                var row = new byte[1 + 3 * width];
                for (var y = 0; y < height; y++)
                {
                    // Filter "none"; one colour per row, so rows compress to almost nothing but decode to full size.
                    row[0] = 0;
                    row.AsSpan(1).Fill((byte)(y * 255L / Math.Max(1, height - 1)));
                    zlib.Write(row);
                }
            }
            Chunk(png, "IDAT", data.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A PNG whose header declares <paramref name="width"/> x <paramref name="height"/> pixels (Adam7-interlaced if asked) but that carries no pixel data.</summary>
    public static byte[] HeaderOnly(int width, int height, bool interlaced = false)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        header[12] = (byte)(interlaced ? 1 : 0);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", [0x78, 0x01]);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A PNG of any colour type and bit depth: <paramref name="samples"/> gives each pixel's channel values at that
    /// depth (palette indexes for type 3), and row y uses filter y mod 5, so every PNG filter is exercised.
    /// </summary>
    public static byte[] Encode(int width, int height, int colorType, int depth, Func<int, int, int[]> samples, byte[]? palette = null)
    {
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var stride = (width * channels * depth + 7) / 8;
        var bpp = Math.Max(1, channels * depth / 8);
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        (header[8], header[9]) = ((byte)depth, (byte)colorType);
        Chunk(png, "IHDR", header);
        if (palette is not null) Chunk(png, "PLTE", palette);
        using (var data = new MemoryStream())
        {
            using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
            {
                var previous = new byte[stride];
                for (var y = 0; y < height; y++)
                {
                    var raw = new byte[stride];
                    for (var x = 0; x < width; x++)
                    {
                        var values = samples(x, y);
                        for (var c = 0; c < channels; c++)
                        {
                            var bit = (x * channels + c) * depth;
                            if (depth == 16) BinaryPrimitives.WriteUInt16BigEndian(raw.AsSpan(bit / 8), (ushort)values[c]);
                            else raw[bit / 8] |= (byte)(values[c] << (8 - depth - bit % 8));
                        }
                    }
                    var filter = y % 5;
                    zlib.WriteByte((byte)filter);
                    zlib.Write(Filter(filter, raw, previous, bpp));
                    previous = raw;
                }
            }
            Chunk(png, "IDAT", data.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Filter(int filter, byte[] raw, byte[] up, int bpp)
    {
        var output = new byte[raw.Length];
        for (var i = 0; i < raw.Length; i++)
        {
            int a = i >= bpp ? raw[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            var predicted = filter switch { 1 => a, 2 => b, 3 => (a + b) / 2, 4 => pa <= pb && pa <= pc ? a : pb <= pc ? b : c, _ => 0 };
            output[i] = (byte)(raw[i] - predicted);
        }
        return output;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc(typed));
        png.Write(crc);
    }

    private static uint Crc(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
