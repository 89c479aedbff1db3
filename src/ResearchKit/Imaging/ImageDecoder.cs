using System.Buffers.Binary;
using System.Runtime.InteropServices;
using ResearchKit.Imaging.Jpeg;
using SkiaSharp;

namespace ResearchKit.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP, BMP and GIF (first frame) into straight-alpha RGBA bytes, without colour
/// management and without EXIF rotation unless asked, which is what Pillow gives the reference processors.
/// Common JPEGs go through the managed <see cref="JpegDecoder"/> (libjpeg-turbo's pixels, vectorised); everything
/// else through SkiaSharp. The pixel limit is checked from the header before any pixels are decoded.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Reads and decodes an image file.</summary>
    /// <exception cref="ImageDecodeException">Missing, empty, truncated, corrupt or unsupported file.</exception>
    /// <exception cref="ImageTooLargeException">The header declares more pixels than allowed.</exception>
    public static RgbaImage Decode(string path, ImageLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(path, "the file does not exist; check the path.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, $"the file cannot be read ({e.Message}).", e);
        }
        return Decode(bytes, path, options);
    }

    /// <summary>Decodes an encoded image held in memory; <paramref name="sourceName"/> names it in errors.</summary>
    public static RgbaImage Decode(ReadOnlySpan<byte> encoded, string sourceName, ImageLoadOptions? options = null) =>
        Decode(encoded, sourceName, options ?? new ImageLoadOptions(), draftTarget: null, out _);

    /// <summary>
    /// Decodes an image; when <see cref="ImageLoadOptions.Draft"/> is on and <paramref name="draftTarget"/> (the size the
    /// caller will resize a full image of the given size to) is given, a JPEG may be decoded at a reduced DCT scale.
    /// <paramref name="fullSize"/> is the size of the full decode (after EXIF orientation), whatever scale was used.
    /// </summary>
    internal static RgbaImage Decode(ReadOnlySpan<byte> encoded, string sourceName, ImageLoadOptions options,
        Func<int, int, (int Width, int Height)>? draftTarget, out (int Width, int Height) fullSize)
    {
        if (encoded.IsEmpty)
            throw new ImageDecodeException(sourceName, "the file is empty (0 bytes); re-export or re-download it.");

        // Baseline and progressive YCbCr/grey JPEGs: the vectorised managed decoder, which gives libjpeg-turbo's pixels.
        if (JpegDecoder.ReadHeader(encoded) is { } jpeg)
        {
            var (width, height) = (jpeg.Frame.Width, jpeg.Frame.Height);
            CheckPixels(sourceName, width, height, options);
            var origin = options.ApplyExifOrientation ? ReadOrigin(encoded) : 1;
            fullSize = origin >= 5 ? (height, width) : (width, height);
            var scale = DraftScale(fullSize, options, draftTarget);
            jpeg.Frame.SetScale(scale);
            var image = new RgbaImage(jpeg.Frame.OutputWidth, jpeg.Frame.OutputHeight, jpeg.Mode);
            if (jpeg.Decode(encoded, new ImageRowSink(image), scale: scale))
                return origin == 1 ? image : ExifOrientation.Apply(image, origin);
        }
        return DecodeWithSkia(encoded, sourceName, options, draftTarget, out fullSize);
    }

    /// <summary>
    /// Pillow's draft rule: the largest of 8, 4, 2 that divides both sides by no more than they exceed the target
    /// (<c>min(width // target_width, height // target_height)</c>), or 1 when draft is off or it would not shrink.
    /// </summary>
    internal static int DraftScale((int Width, int Height) size, ImageLoadOptions options, Func<int, int, (int Width, int Height)>? draftTarget)
    {
        if (!options.Draft || draftTarget is null) return 1;
        var (tw, th) = draftTarget(size.Width, size.Height);
        var room = Math.Min(size.Width / Math.Max(tw, 1), size.Height / Math.Max(th, 1));
        return room >= 8 ? 8 : room >= 4 ? 4 : room >= 2 ? 2 : 1;
    }

    private static void CheckPixels(string sourceName, int width, int height, ImageLoadOptions options)
    {
        if (width <= 0 || height <= 0)
            throw new ImageDecodeException(sourceName, $"the header declares an empty {width}x{height} image.");
        if ((long)width * height > options.MaxPixels)
            throw new ImageTooLargeException(sourceName, width, height, options.MaxPixels);
    }

    private static int ReadOrigin(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        return codec is null ? 1 : (int)codec.EncodedOrigin;
    }

    /// <summary>The SkiaSharp path alone (the managed JPEG decoder's fallback, and its reference in the tests).</summary>
    internal static RgbaImage DecodeWithSkia(ReadOnlySpan<byte> encoded, string sourceName, ImageLoadOptions options,
        Func<int, int, (int Width, int Height)>? draftTarget, out (int Width, int Height) fullSize)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException(sourceName, "not an image format ResearchKit can decode (JPEG, PNG, WebP, BMP, GIF) or the header is corrupt; convert the file to PNG or JPEG.");

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        CheckPixels(sourceName, width, height, options);
        var origin = options.ApplyExifOrientation ? (int)codec.EncodedOrigin : 1;
        fullSize = origin >= 5 ? (height, width) : (width, height);
        var scale = codec.EncodedFormat == SKEncodedImageFormat.Jpeg ? DraftScale(fullSize, options, draftTarget) : 1;
        if (scale > 1)
            // libjpeg's DCT scaling: the codec decodes straight to ceil(size / scale).
        {
            var scaled = codec.GetScaledDimensions(1f / scale);
            (width, height) = (scaled.Width, scaled.Height);
        }

        var mode = SniffMode(encoded, codec);
        var image = new RgbaImage(width, height, mode);
        // No colour space on the destination: Skia must not colour-manage, as Pillow does not.
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var handle = GCHandle.Alloc(image.Pixels, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject(), info.RowBytes, new SKCodecOptions(0));
        }
        finally
        {
            handle.Free();
        }

        switch (result)
        {
            case SKCodecResult.Success:
                break;
            case SKCodecResult.IncompleteInput:
                throw new ImageDecodeException(sourceName, "the file is truncated (the image data ends early); re-copy or re-download it.");
            case SKCodecResult.ErrorInInput or SKCodecResult.InvalidInput:
                throw new ImageDecodeException(sourceName, "the image data is corrupt; re-export the file.");
            default:
                throw new ImageDecodeException(sourceName, $"the decoder failed ({result}).");
        }

        return origin == 1 ? image : ExifOrientation.Apply(image, origin);
    }

    /// <summary>Reads the image size from the header only, without decoding pixels.</summary>
    public static (int Width, int Height) ReadSize(ReadOnlySpan<byte> encoded, string sourceName)
    {
        if (encoded.IsEmpty)
            throw new ImageDecodeException(sourceName, "the file is empty (0 bytes); re-export or re-download it.");
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException(sourceName, "not an image format ResearchKit can decode (JPEG, PNG, WebP, BMP, GIF) or the header is corrupt.");
        return (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>The mode Pillow would open the file in, from the format's own header fields.</summary>
    private static SourceMode SniffMode(ReadOnlySpan<byte> encoded, SKCodec codec)
    {
        var opaque = codec.Info.AlphaType == SKAlphaType.Opaque;
        switch (codec.EncodedFormat)
        {
            case SKEncodedImageFormat.Png when encoded.Length > 25:
                // IHDR colour type: 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. A tRNS chunk on
                // grey/RGB does not change Pillow's mode, so alpha only comes from types 4 and 6.
                return encoded[25] switch
                {
                    0 => SourceMode.Gray,
                    3 => SourceMode.Palette,
                    4 => SourceMode.GrayAlpha,
                    6 => SourceMode.Rgba,
                    _ => SourceMode.Rgb,
                };
            case SKEncodedImageFormat.Gif:
                return SourceMode.Palette;
            case SKEncodedImageFormat.Bmp when encoded.Length > 30:
                // Bits per pixel at offset 28; 1/4/8-bit bitmaps open as palette images.
                return BinaryPrimitives.ReadUInt16LittleEndian(encoded[28..]) <= 8 ? SourceMode.Palette : opaque ? SourceMode.Rgb : SourceMode.Rgba;
            case SKEncodedImageFormat.Jpeg:
                return codec.Info.ColorType == SKColorType.Gray8 ? SourceMode.Gray : SourceMode.Rgb;
            default:
                return opaque ? SourceMode.Rgb : SourceMode.Rgba;
        }
    }
}
