namespace ResearchKit.Imaging;

/// <summary>
/// Turns an image file into the float32 CHW tensor a model expects, following its
/// <see cref="PreprocessConfig"/> step for step: colour conversion (before or after the resize, as the
/// reference does), Pillow-exact resampling, center crop, rescale and normalize. Thread-safe.
/// </summary>
public sealed class ImagePreprocessor
{
    private readonly float[][] _lookup;
    private readonly int _maxResizeThreads;

    /// <param name="config">What to do to each image.</param>
    /// <param name="loadOptions">Decoding options (EXIF orientation, pixel limit).</param>
    /// <param name="maxResizeThreads">Threads one large resize may use (default all cores); pass 1 when
    /// many images are already processed in parallel.</param>
    public ImagePreprocessor(PreprocessConfig config, ImageLoadOptions? loadOptions = null, int maxResizeThreads = -1)
    {
        _maxResizeThreads = maxResizeThreads;
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validated();
        LoadOptions = loadOptions ?? new ImageLoadOptions();
        _lookup = BuildLookup(Config);
    }

    public PreprocessConfig Config { get; }
    public ImageLoadOptions LoadOptions { get; }

    /// <summary>Decodes and preprocesses an image file.</summary>
    /// <exception cref="ImageDecodeException">The file is missing, empty, truncated, corrupt or not an image.</exception>
    /// <exception cref="ImageTooLargeException">The image is over <see cref="ImageLoadOptions.MaxPixels"/>.</exception>
    public ImageTensor Process(string path) => Process(ReadFile(path), path);

    /// <summary>Decodes and preprocesses an encoded image in memory; <paramref name="sourceName"/> names it in errors.</summary>
    public ImageTensor Process(ReadOnlySpan<byte> encoded, string sourceName)
    {
        if (TryStreamJpeg(encoded, sourceName) is { } tensor) return tensor;
        var image = ImageDecoder.Decode(encoded, sourceName, LoadOptions, TargetSize, out var fullSize);
        return Process(image, owned: true, fullSize);
    }

    /// <summary>Preprocesses already-decoded pixels (left unchanged).</summary>
    public ImageTensor Process(RgbaImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Process(image, owned: false, (image.Width, image.Height));
    }

    /// <summary>Streams a JPEG the managed decoder handles, adding each stage's time to <paramref name="stages"/>; null for any other file.</summary>
    internal ImageTensor? ProcessJpegTimed(ReadOnlySpan<byte> encoded, string sourceName, PreprocessStageTimes stages) =>
        TryStreamJpeg(encoded, sourceName, stages);

    private (int Width, int Height) TargetSize(int width, int height) => Config.ResizedSize(width, height);

    /// <summary>
    /// Common JPEGs (at full or draft scale): decoded rows go straight through the resampler into the tensor,
    /// so the decoded image is never stored. Null when the file needs the general path (other formats, EXIF
    /// orientation, NEAREST, or a JPEG the managed decoder leaves to SkiaSharp).
    /// </summary>
    private ImageTensor? TryStreamJpeg(ReadOnlySpan<byte> encoded, string sourceName, PreprocessStageTimes? stages = null)
    {
        if (LoadOptions.ApplyExifOrientation || Config.Filter == ResamplingFilter.Nearest) return null;
        if (Jpeg.JpegDecoder.ReadHeader(encoded) is not { } jpeg) return null;
        var (width, height) = (jpeg.Frame.Width, jpeg.Frame.Height);
        if ((long)width * height > LoadOptions.MaxPixels)
            throw new ImageTooLargeException(sourceName, width, height, LoadOptions.MaxPixels);
        // Draft: decoded at 1/scale, then resized to the target the full-size image would get.
        var scale = ImageDecoder.DraftScale((width, height), LoadOptions, TargetSize);
        jpeg.Frame.SetScale(scale);
        var geometry = Geometry(width, height);
        using var stream = new StreamingResampler(jpeg.Frame.OutputWidth, jpeg.Frame.OutputHeight, 3, geometry.Size, geometry.Window, Config.Filter, geometry.Tensor, stages);
        return jpeg.Decode(encoded, stream, stages: stages, scale: scale) ? stream.Finish() : null;
    }

    private static byte[] ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ImageDecodeException(path, "the file does not exist; check the path.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageDecodeException(path, $"the file cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Where a full-size image's pixels go: the resize target, the part of it the crop keeps (all of it when
    /// the crop pads) and a tensor writer placing that part.
    /// </summary>
    private ((int Width, int Height) Size, PixelWindow Window, ImageTensorWriter Tensor) Geometry(int width, int height)
    {
        var config = Config;
        var (rw, rh) = config.ResizedSize(width, height);
        var (cw, ch) = config.CenterCrop ? (config.CropWidth, config.CropHeight) : (rw, rh);
        var left = config.CenterCrop ? config.CropRounding.Offset(rw, cw) : 0;
        var top = config.CenterCrop ? config.CropRounding.Offset(rh, ch) : 0;
        var inside = left >= 0 && top >= 0 && left + cw <= rw && top + ch <= rh;
        return inside
            ? ((rw, rh), new PixelWindow(left, top, cw, ch), new ImageTensorWriter(_lookup, cw, ch, 0, 0, padded: false))
            : ((rw, rh), PixelWindow.Full(rw, rh), new ImageTensorWriter(_lookup, cw, ch, -left, -top, padded: true));
    }

    /// <param name="image">Decoded pixels, possibly at a draft scale.</param>
    /// <param name="owned">The pixels may be changed in place.</param>
    /// <param name="fullSize">The size of the full-scale decode, which decides the resize target and crop.</param>
    private ImageTensor Process(RgbaImage image, bool owned, (int Width, int Height) fullSize)
    {
        if (Config.Order == ColorConversionOrder.ConvertThenResize && image.Mode != SourceMode.Rgb)
            // convert("RGB") keeps the straight colour bytes and ignores alpha; the bytes are shared, not copied.
            image = new RgbaImage(image.Width, image.Height, SourceMode.Rgb, image.Pixels);

        var (size, window, tensor) = Geometry(fullSize.Width, fullSize.Height);
        var resized = Resize(image, size.Width, size.Height, window, owned);
        for (var y = 0; y < resized.Height; y++)
            tensor.WriteRow(y, resized.Pixels.AsSpan(y * resized.Width * 4, resized.Width * 4));
        return tensor.Tensor;
    }

    private RgbaImage Resize(RgbaImage image, int width, int height, PixelWindow window, bool owned)
    {
        if (width == image.Width && height == image.Height)
            return PillowResampler.Crop(image, window);

        // Pillow resizes palette (and bilevel) images with NEAREST whatever filter was asked for.
        var filter = image.Mode == SourceMode.Palette ? ResamplingFilter.Nearest : Config.Filter;
        if (!image.HasAlpha || filter == ResamplingFilter.Nearest)
            return PillowResampler.Resize(image, width, height, filter, window, _maxResizeThreads);

        // Images with alpha are resized premultiplied and converted back, as Image.resize does for RGBA/LA.
        var premultiplied = owned ? image : new RgbaImage(image.Width, image.Height, image.Mode, (byte[])image.Pixels.Clone());
        AlphaPremultiplication.Premultiply(premultiplied);
        var resized = PillowResampler.Resize(premultiplied, width, height, filter, window, _maxResizeThreads);
        AlphaPremultiplication.Unpremultiply(resized);
        return resized;
    }

    // Rescale in double then narrow to float, then normalise in float: the reference's arithmetic.
    private static float[][] BuildLookup(PreprocessConfig config)
    {
        var tables = new float[3][];
        for (var c = 0; c < 3; c++)
        {
            var table = new float[256];
            for (var v = 0; v < 256; v++)
            {
                var x = config.Rescale ? (float)(v * config.RescaleFactor) : v;
                table[v] = config.Normalize ? (x - config.Mean[c]) / config.Std[c] : x;
            }
            tables[c] = table;
        }
        return tables;
    }
}
