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
