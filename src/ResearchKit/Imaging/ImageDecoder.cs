using System.Buffers.Binary;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace ResearchKit.Imaging;

/// <summary>
/// Decodes JPEG, PNG, WebP, BMP and GIF (first frame) with SkiaSharp into straight-alpha RGBA bytes,
/// without colour management and without EXIF rotation unless asked, which is what Pillow gives the
/// reference processors. The pixel limit is checked from the header before any pixels are decoded.
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
    public static RgbaImage Decode(ReadOnlySpan<byte> encoded, string sourceName, ImageLoadOptions? options = null)
    {
        options ??= new ImageLoadOptions();
        if (encoded.IsEmpty)
            throw new ImageDecodeException(sourceName, "the file is empty (0 bytes); re-export or re-download it.");

        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data)
            ?? throw new ImageDecodeException(sourceName, "not an image format ResearchKit can decode (JPEG, PNG, WebP, BMP, GIF) or the header is corrupt; convert the file to PNG or JPEG.");

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
            throw new ImageDecodeException(sourceName, $"the header declares an empty {width}x{height} image.");
        if ((long)width * height > options.MaxPixels)
            throw new ImageTooLargeException(sourceName, width, height, options.MaxPixels);

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

        if (options.ApplyExifOrientation)
            image = ExifOrientation.Apply(image, (int)codec.EncodedOrigin);
        return image;
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
