using ResearchKit.Imaging;
using ResearchKit.Imaging.Jpeg;
using SkiaSharp;

namespace ResearchKit.Tests.Imaging;

/// <summary>
/// The reduced-scale entropy paths against the full ones: stepping over AC codes (1/8 scale) must consume
/// exactly the bits full decoding does and give the same DC, on random Huffman tables and random bits; and
/// random JPEGs (noise over gradients, many qualities, every SkiaSharp subsampling, odd sizes) must decode
/// at every scale to libjpeg-turbo's pixels byte for byte.
/// </summary>
public sealed class JpegEntropyTests
{
    [Fact]
    public unsafe void Stepping_over_ac_codes_consumes_the_bits_full_decoding_does()
    {
        var random = new Random(20);
        var blocksCompared = 0;
        for (var t = 0; t < 300; t++)
        {
            var (dc, dcCodes) = RandomTable(random, isDc: true);
            var (ac, acCodes) = RandomTable(random, isDc: false);
            var (data, blocks) = RandomScan(random, dcCodes, acCodes, blocks: 40);
            var block = new short[64];
            fixed (byte* bytes = data)
            fixed (short* coefficients = block)
            fixed (int* natural = JpegScanDecoder.NaturalOrder)
            {
                var full = new JpegBitReader();
                var skip = new JpegBitReader();
                full.Reset(bytes, 0);
                skip.Reset(bytes, 0);
                int fullPredictor = 0, skipPredictor = 0;
                for (var b = 0; b < blocks; b++)
                {
                    SequentialScanDecoder.DecodeBlock(ref full, coefficients, dc, ac, ref fullPredictor, natural);
                    SequentialScanDecoder.DecodeDcSkipAc(ref skip, coefficients, dc, ac, ref skipPredictor);
                    Assert.Equal(full.Position, skip.Position);
                    Assert.Equal(fullPredictor, skipPredictor);
                    Assert.Equal((short)skipPredictor, coefficients[0]);
                    blocksCompared++;
                }
            }
        }
        Assert.Equal(300 * 40, blocksCompared);
    }

    /// <summary>
    /// Encodes random blocks with the given codes (symbol to (code, length)): a DC category with random extra
    /// bits, then random AC symbols with random extra bits until the block is full or ends. Zero-padded.
    /// </summary>
    private static (byte[] Data, int Blocks) RandomScan(Random random, Dictionary<byte, (int Code, int Length)> dc, Dictionary<byte, (int Code, int Length)> ac, int blocks)
    {
        var bits = new List<bool>();
        void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--) bits.Add(((value >> i) & 1) != 0);
        }
        var dcSymbols = dc.Keys.ToArray();
        var acSymbols = ac.Keys.ToArray();
        for (var b = 0; b < blocks; b++)
        {
            var category = dcSymbols[random.Next(dcSymbols.Length)];
            Write(dc[category].Code, dc[category].Length);
            Write(random.Next(1 << category), category);
            for (var k = 1; k < 64;)
            {
                var symbol = acSymbols[random.Next(acSymbols.Length)];
                Write(ac[symbol].Code, ac[symbol].Length);
                Write(random.Next(1 << (symbol & 15)), symbol & 15);
                if ((symbol & 15) != 0) k += (symbol >> 4) + 1;
                else if (symbol == 0xF0) k += 16;
                else break;
            }
        }
        var data = new byte[(bits.Count + 7) / 8 + 512];
        for (var i = 0; i < bits.Count; i++)
            if (bits[i]) data[i / 8] |= (byte)(0x80 >> (i % 8));
        return (data, blocks);
    }

    [Fact]
    public void Random_jpegs_decode_at_every_scale_to_libjpeg_turbos_pixels()
    {
        var random = new Random(21);
        var downsamples = new[] { SKJpegEncoderDownsample.Downsample420, SKJpegEncoderDownsample.Downsample422, SKJpegEncoderDownsample.Downsample444 };
        var cases = 0;
        foreach (var quality in new[] { 5, 30, 60, 85, 95, 100 })
            foreach (var downsample in downsamples)
            {
                var (width, height) = (random.Next(17, 300), random.Next(17, 200));
                var bytes = Encode(RandomPicture(random, width, height), quality, downsample);
                foreach (var scale in new[] { 1, 2, 4, 8 })
                {
                    var options = new ImageLoadOptions { Draft = scale > 1 };
                    var skia = ImageDecoder.DecodeWithSkia(bytes, "skia", options, (w, h) => (Math.Max(1, w / scale), Math.Max(1, h / scale)), out _);
                    var jpeg = JpegDecoder.ReadHeader(bytes);
                    Assert.NotNull(jpeg);
                    jpeg.Frame.SetScale(scale);
                    var image = new RgbaImage(jpeg.Frame.OutputWidth, jpeg.Frame.OutputHeight, jpeg.Mode);
                    Assert.True(jpeg.Decode(bytes, new ImageRowSink(image), scale: scale), $"q{quality} {downsample} at 1/{scale} fell back");
                    Assert.Equal((skia.Width, skia.Height), (image.Width, image.Height));
                    Assert.True(skia.Pixels.AsSpan().SequenceEqual(image.Pixels),
                        $"q{quality} {downsample} {width}x{height} at 1/{scale}: first difference at byte {skia.Pixels.AsSpan().CommonPrefixLength(image.Pixels)}");
                    cases++;
                }
            }
        Assert.Equal(6 * 3 * 4, cases);
    }

    /// <summary>Gradients with noise of a different strength per band, so blocks range from DC-only to dense.</summary>
    private static SKBitmap RandomPicture(Random random, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            var noise = (y / 16 % 4) switch { 0 => 0, 1 => 8, 2 => 64, _ => 255 };
            for (var x = 0; x < width; x++)
            {
                var p = (y * width + x) * 4;
                for (var c = 0; c < 3; c++)
                    pixels[p + c] = (byte)Math.Clamp((x * 255 / width + y * (c + 1)) % 256 + random.Next(-noise, noise + 1), 0, 255);
                pixels[p + 3] = 255;
            }
        }
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap, int quality, SKJpegEncoderDownsample downsample)
    {
        using (bitmap)
        using (var pixmap = bitmap.PeekPixels())
        using (var data = pixmap.Encode(new SKJpegEncoderOptions(quality, downsample, SKJpegEncoderAlphaOption.Ignore)))
            return data!.ToArray();
    }

    /// <summary>
    /// A random table libjpeg accepts, with each symbol's canonical code: code lengths of 1-16 bits that never
    /// use a length's all-ones code, over distinct symbols (DC: sizes 0-11; AC: any run with sizes 1-10, plus
    /// end of block and ZRL).
    /// </summary>
    private static (HuffmanTable Table, Dictionary<byte, (int Code, int Length)> Codes) RandomTable(Random random, bool isDc)
    {
        var pool = isDc
            ? Enumerable.Range(0, 12).Select(s => (byte)s).ToList()
            : Enumerable.Range(0, 16).SelectMany(r => Enumerable.Range(1, 10).Select(s => (byte)((r << 4) | s))).Append((byte)0x00).Append((byte)0xF0).ToList();
        var symbols = pool.OrderBy(_ => random.Next()).Take(random.Next(2, pool.Count + 1)).ToArray();
        while (true)
        {
            var counts = new byte[16];
            var codes = new Dictionary<byte, (int Code, int Length)>();
            var code = 0;
            var p = 0;
            for (var l = 1; l <= 16 && p < symbols.Length; l++)
            {
                var room = (1 << l) - 1 - code;  // codes of this length still free, less the all-ones one
                var left = symbols.Length - p;
                var take = l == 16 ? left : Math.Min(room, Math.Min(left, random.Next(0, Math.Max(1, room / 2 + 1))));
                if (take > room) break;
                counts[l - 1] = (byte)take;
                for (var i = 0; i < take; i++) codes[symbols[p++]] = (code++, l);
                code <<= 1;
            }
            if (p == symbols.Length) return (HuffmanTable.Build(counts, symbols, isDc), codes);
        }
    }
}
