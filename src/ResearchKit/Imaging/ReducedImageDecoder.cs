using System.Runtime.InteropServices;
using SkiaSharp;

namespace ResearchKit.Imaging;

/// <summary>
/// Decodes an image within a pixel budget, for services that take uploads: the size is read from the header first,
/// an image within the budget is decoded exactly as <see cref="ImageDecoder"/> does, and a larger one is decoded
/// reduced by a whole factor, so its full-size pixels never exist in memory. JPEG and WebP reduce inside the decoder
/// (DCT scaling, libwebp's rescaler); PNG and BMP stream row by row into a box average (Pillow's <c>Image.reduce</c>,
/// premultiplied when there is alpha), holding one row of the full image. A reduced image embeds slightly differently from the full one; models resize
/// to a few hundred pixels anyway.
/// </summary>
public static class ReducedImageDecoder
{
    /// <summary>
    /// Decodes <paramref name="encoded"/> to at most <paramref name="maxDecodedPixels"/> pixels; <paramref name="sourceName"/>
    /// names it in errors.
    /// </summary>
    /// <exception cref="ImageDecodeException">Empty, corrupt or unsupported data.</exception>
    /// <exception cref="ImageTooLargeException">The header declares more than <see cref="ImageLoadOptions.MaxPixels"/>,
    /// or the format cannot be decoded reduced (GIF, interlaced PNG) and is over the budget.</exception>
    public static RgbaImage Decode(byte[] encoded, string sourceName, long maxDecodedPixels, ImageLoadOptions? options = null)
    {
        options ??= new ImageLoadOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDecodedPixels, 1);
        var (width, height) = ImageDecoder.ReadSize(encoded, sourceName);
        if ((long)width * height > options.MaxPixels) throw new ImageTooLargeException(sourceName, width, height, options.MaxPixels);
        if ((long)width * height <= maxDecodedPixels) return ImageDecoder.Decode(encoded, sourceName, options);

        var factor = (int)Math.Ceiling(Math.Sqrt((double)width * height / maxDecodedPixels));
        while ((long)Reduced(width, factor) * Reduced(height, factor) > maxDecodedPixels) factor++;
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data) ?? throw new ImageDecodeException(sourceName, "not an image format ResearchKit can decode, or the header is corrupt.");
        var image = DecodeScaled(codec, sourceName, factor, maxDecodedPixels) ?? DecodeBoxReduced(codec, encoded, sourceName, factor, maxDecodedPixels);
        return options.ApplyExifOrientation ? ExifOrientation.Apply(image, (int)codec.EncodedOrigin) : image;
    }

    private static int Reduced(int size, int factor) => (size + factor - 1) / factor;

    // JPEG (1/2 to 1/8) and WebP (any scale) shrink while decoding; other codecs report their full size and are skipped.
    private static RgbaImage? DecodeScaled(SKCodec codec, string sourceName, int factor, long maxDecodedPixels)
    {
        var size = codec.GetScaledDimensions(1f / factor);
        if (size.Width <= 0 || size.Height <= 0 || (long)size.Width * size.Height > maxDecodedPixels) return null;
        var image = new RgbaImage(size.Width, size.Height, codec.Info.AlphaType == SKAlphaType.Opaque ? SourceMode.Rgb : SourceMode.Rgba);
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var handle = GCHandle.Alloc(image.Pixels, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject(), info.RowBytes, new SKCodecOptions(0));
            return result == SKCodecResult.Success ? image
                : throw new ImageDecodeException(sourceName, result == SKCodecResult.IncompleteInput ? "the file is truncated; send the whole file." : $"the decoder failed ({result}).");
        }
        finally
        {
            handle.Free();
        }
    }

    private static RgbaImage DecodeBoxReduced(SKCodec codec, byte[] encoded, string sourceName, int factor, long maxDecodedPixels)
    {
        // Skia decodes PNG whole only, so PNG rows come from our own reader; BMP rows from Skia. Interlaced PNGs
        // and GIFs have no row order to stream, so over the budget they are refused.
        using var rows = (IImageRows?)(PngRowReader.IsPng(encoded) ? PngRowReader.Open(encoded, sourceName) : SkiaScanlineRows.TryStart(codec, sourceName))
            ?? throw new ImageTooLargeException(sourceName, codec.Info.Width, codec.Info.Height, maxDecodedPixels);
        var (width, height) = (rows.Width, rows.Height);
        var (outWidth, outHeight) = (Reduced(width, factor), Reduced(height, factor));
        var reduced = new RgbaImage(outWidth, outHeight, rows.HasAlpha ? SourceMode.Rgba : SourceMode.Rgb);
        var line = new byte[width * rows.Channels];
        var sums = new long[outWidth * 4];
        for (var band = 0; band < outHeight; band++)
        {
            // Boxes line up with the top of the image; bottom-up formats fill them from the last one.
            var output = rows.BottomUp ? outHeight - 1 - band : band;
            var count = Math.Min(factor, height - output * factor);
            Array.Clear(sums);
            for (var r = 0; r < count; r++)
            {
                rows.Read(line);
                Accumulate(line, rows.Channels, sums, factor, rows.HasAlpha);
            }
            Emit(sums, reduced.Pixels, output * outWidth * 4, count, width, factor, rows.HasAlpha);
        }
        return reduced;
    }

    // Adds one row's pixels (3 or 4 bytes each) into its boxes' sums (colour times alpha, and alpha, when premultiplied).
    private static void Accumulate(ReadOnlySpan<byte> line, int channels, long[] sums, int factor, bool premultiply)
    {
        var width = line.Length / channels;
        for (int box = 0, o = 0; box * factor < width; box++, o += 4)
        {
            long r = 0, g = 0, b = 0, a = 0;
            var pixels = line[(box * factor * channels)..(Math.Min(width, (box + 1) * factor) * channels)];
            if (premultiply)
                for (var p = 0; p + 3 < pixels.Length; p += 4)
                {
                    int alpha = pixels[p + 3];
                    r += pixels[p] * alpha;
                    g += pixels[p + 1] * alpha;
                    b += pixels[p + 2] * alpha;
                    a += alpha;
                }
            else
            {
                for (var p = 0; p + 2 < pixels.Length; p += channels)
                {
                    r += pixels[p];
                    g += pixels[p + 1];
                    b += pixels[p + 2];
                }
                a = 255L * (pixels.Length / channels);
            }
            sums[o] += r;
            sums[o + 1] += g;
            sums[o + 2] += b;
            sums[o + 3] += a;
        }
    }

    private static void Emit(long[] sums, byte[] pixels, int offset, int rows, int width, int factor, bool premultiplied)
    {
        for (var o = 0; o < sums.Length / 4; o++)
        {
            // Edge boxes are narrower; average over the pixels they really hold.
            var count = (long)rows * Math.Min(factor, width - o * factor);
            var i = o * 4;
            var p = offset + i;
            if (premultiplied)
            {
                var alpha = sums[i + 3];
                for (var c = 0; c < 3; c++) pixels[p + c] = alpha == 0 ? (byte)0 : (byte)((sums[i + c] + alpha / 2) / alpha);
                pixels[p + 3] = (byte)((alpha + count / 2) / count);
            }
            else
            {
                for (var c = 0; c < 3; c++) pixels[p + c] = (byte)((sums[i + c] + count / 2) / count);
                pixels[p + 3] = 255;
            }
        }
    }
}
