using ResearchKit.Imaging;

namespace ResearchKit.Tests.Imaging;

public sealed class ImageDecoderTests
{
    [Theory]
    [InlineData("rgb.png", SourceMode.Rgb)]
    [InlineData("rgba.png", SourceMode.Rgba)]
    [InlineData("gray.png", SourceMode.Gray)]
    [InlineData("gray_alpha.png", SourceMode.GrayAlpha)]
    [InlineData("palette.png", SourceMode.Palette)]
    [InlineData("rgb16.png", SourceMode.Rgb)]
    [InlineData("rgb.bmp", SourceMode.Rgb)]
    [InlineData("palette.bmp", SourceMode.Palette)]
    [InlineData("lossless.webp", SourceMode.Rgb)]
    [InlineData("animated.gif", SourceMode.Palette)]
    public void Lossless_formats_decode_to_exactly_what_Pillow_decodes(string file, SourceMode mode)
    {
        var image = ImageDecoder.Decode(FormatFixtures.File(file));
        Assert.Equal(mode, image.Mode);
        var (max, _) = Difference(image, FormatFixtures.Expected(file + ".rgb"));
        // 16-bit samples: Pillow keeps the high byte; a decoder that rounds instead is off by one.
        Assert.True(max <= (file == "rgb16.png" ? 1 : 0), $"{file}: max |diff| {max} grey levels");
    }

    [Theory]
    [InlineData("rgb_baseline.jpg")]
    [InlineData("rgb_progressive.jpg")]
    [InlineData("gray.jpg")]
    [InlineData("cmyk.jpg")]
    public void Jpeg_variants_decode_to_what_Pillow_decodes(string file)
    {
        var image = ImageDecoder.Decode(FormatFixtures.File(file));
        var (max, mean) = Difference(image, FormatFixtures.Expected(file + ".rgb"));
        Assert.True(max <= 2 && mean <= 0.5, $"{file}: max {max}, mean {mean:F3} grey levels");
    }

    [Fact]
    public void Gif_decodes_its_first_frame_only()
    {
        var image = ImageDecoder.Decode(FormatFixtures.File("animated.gif"));
        var first = FormatFixtures.Expected("animated.gif.rgb");
        Assert.Equal(0, Difference(image, first).Max);
        // The second frame is the colour inverse of the first, so a wrong frame would differ a lot.
        Assert.True(Math.Abs(image.Pixels[0] - (255 - first[0])) > 10 || first[0] is > 100 and < 155);
    }

    [Fact]
    public void Exif_orientation_is_ignored_by_default_and_applied_on_request()
    {
        var path = FixturePaths.Image("exif_rotated.jpg");
        var raw = ImageDecoder.Decode(path);
        var rotated = ImageDecoder.Decode(path, new ImageLoadOptions { ApplyExifOrientation = true });
        Assert.Equal((251, 333), (raw.Width, raw.Height));
        Assert.Equal((333, 251), (rotated.Width, rotated.Height));
        // Orientation 6: displayed pixel (x, y) is stored at (y, H - 1 - x).
        foreach (var (x, y) in new[] { (0, 0), (10, 200), (332, 250), (100, 17) })
        {
            var d = (y * rotated.Width + x) * 4;
            var s = ((raw.Height - 1 - x) * raw.Width + y) * 4;
            Assert.Equal(raw.Pixels.AsSpan(s, 4).ToArray(), rotated.Pixels.AsSpan(d, 4).ToArray());
        }
    }

    [Theory]
    [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)] [InlineData(7)] [InlineData(8)]
    public void Every_orientation_is_a_permutation_that_its_inverse_undoes(int orientation)
    {
        var image = ImageDecoder.Decode(FormatFixtures.File("rgb.png"));
        int[] inverse = [0, 1, 2, 3, 4, 5, 8, 7, 6];
        var back = ExifOrientation.Apply(ExifOrientation.Apply(image, orientation), inverse[orientation]);
        Assert.Equal(image.Pixels, back.Pixels);
        Assert.NotEqual(image.Pixels, ExifOrientation.Apply(image, orientation).Pixels);
    }

    [Fact]
    public void Empty_file_is_a_typed_error_naming_it()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("empty.jpg", []);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Missing_file_is_a_typed_error_naming_it()
    {
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode("/no/such/image.png"));
        Assert.Contains("/no/such/image.png", e.Message);
    }

    [Fact]
    public void Non_image_bytes_are_a_typed_error()
    {
        using var dir = new TempDirectory();
        var path = dir.Write("notes.png", "this is not an image"u8.ToArray());
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path));
        Assert.Contains("notes.png", e.Message);
    }

    [Theory]
    [InlineData("rgb_baseline.jpg")]
    [InlineData("rgb.png")]
    public void Truncated_files_are_a_typed_error(string file)
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(file.EndsWith(".jpg") ? FormatFixtures.File(file) : FixturePaths.Image("gradient.png"));
        var path = dir.Write("cut_" + file, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.Decode(path));
        Assert.Contains("cut_" + file, e.Message);
    }

    [Fact]
    public void Bomb_is_refused_from_the_header_before_decoding()
    {
        // A PNG whose header claims 100000 x 100000 pixels and that has no pixel data at all:
        // the size check must fire first, so the error is "too large", not "truncated".
        using var dir = new TempDirectory();
        var path = dir.Write("bomb.png", PngHeaderOnly(100_000, 100_000));
        var e = Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(path));
        Assert.Equal(100_000, e.Width);
        Assert.Contains("bomb.png", e.Message);
    }

    [Fact]
    public void Pixel_limit_is_configurable()
    {
        var path = FixturePaths.Image("gradient.png"); // 640 x 427
        Assert.Throws<ImageTooLargeException>(() => ImageDecoder.Decode(path, new ImageLoadOptions { MaxPixels = 640 * 427 - 1 }));
        Assert.Equal(640, ImageDecoder.Decode(path, new ImageLoadOptions { MaxPixels = 640 * 427 }).Width);
    }

    private static (int Max, double Mean) Difference(RgbaImage image, byte[] expectedRgb)
    {
        Assert.Equal(expectedRgb.Length, image.Width * image.Height * 3);
        int max = 0;
        long sum = 0;
        for (int i = 0, p = 0; i < expectedRgb.Length; i += 3, p += 4)
            for (var c = 0; c < 3; c++)
            {
                var d = Math.Abs(expectedRgb[i + c] - image.Pixels[p + c]);
                max = Math.Max(max, d);
                sum += d;
            }
        return (max, (double)sum / expectedRgb.Length);
    }

    internal static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2;
        var file = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        AddChunk(file, "IHDR", ihdr);
        // One tiny compressed row: a real bomb's data is small too; only the header is huge.
        using var compressed = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
            z.Write(new byte[1 + 3 * 64]);
        AddChunk(file, "IDAT", compressed.ToArray());
        AddChunk(file, "IEND", []);
        return [.. file];
    }

    private static void AddChunk(List<byte> file, string type, byte[] data)
    {
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var length = data.Length;
        file.AddRange([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
        file.AddRange(typed);
        var crc = Crc32(typed);
        file.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
    }

    // The PNG chunk checksum (CRC-32, polynomial 0xEDB88320), so the header itself is valid.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
