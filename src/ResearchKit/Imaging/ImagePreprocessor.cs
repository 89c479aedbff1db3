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
    public ImageTensor Process(string path) => Process(ImageDecoder.Decode(path, LoadOptions), owned: true);

    /// <summary>Decodes and preprocesses an encoded image in memory; <paramref name="sourceName"/> names it in errors.</summary>
    public ImageTensor Process(ReadOnlySpan<byte> encoded, string sourceName) =>
        Process(ImageDecoder.Decode(encoded, sourceName, LoadOptions), owned: true);

    /// <summary>Preprocesses already-decoded pixels (left unchanged).</summary>
    public ImageTensor Process(RgbaImage image) => Process(image, owned: false);

    private ImageTensor Process(RgbaImage image, bool owned)
    {
        ArgumentNullException.ThrowIfNull(image);
        var config = Config;
        if (config.Order == ColorConversionOrder.ConvertThenResize && image.Mode != SourceMode.Rgb)
            // convert("RGB") keeps the straight colour bytes and ignores alpha; the bytes are shared, not copied.
            image = new RgbaImage(image.Width, image.Height, SourceMode.Rgb, image.Pixels);

        var (rw, rh) = config.ResizedSize(image.Width, image.Height);
        var (cw, ch) = config.CenterCrop ? (config.CropWidth, config.CropHeight) : (rw, rh);
        var left = config.CenterCrop ? config.CropRounding.Offset(rw, cw) : 0;
        var top = config.CenterCrop ? config.CropRounding.Offset(rh, ch) : 0;
        var inside = left >= 0 && top >= 0 && left + cw <= rw && top + ch <= rh;
        var window = inside ? new PixelWindow(left, top, cw, ch) : PixelWindow.Full(rw, rh);

        var resized = Resize(image, rw, rh, window, owned);
        return inside ? ToTensor(resized, 0, 0, cw, ch) : ToTensor(resized, -left, -top, cw, ch);
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

    /// <summary>
    /// Writes the crop as CHW floats through a per-channel lookup table; source pixel (x, y) lands at
    /// (x + dx, y + dy) and everything outside the source is padding with value 0, as both references pad.
    /// </summary>
    private ImageTensor ToTensor(RgbaImage image, int dx, int dy, int width, int height)
    {
        var plane = width * height;
        var data = new float[3 * plane];
        var src = image.Pixels;
        var (r, g, b) = (_lookup[0], _lookup[1], _lookup[2]);
        for (var y = 0; y < height; y++)
        {
            var sy = y - dy;
            var rowInside = sy >= 0 && sy < image.Height;
            for (var x = 0; x < width; x++)
            {
                var sx = x - dx;
                var i = y * width + x;
                if (rowInside && sx >= 0 && sx < image.Width)
                {
                    var p = (sy * image.Width + sx) * 4;
                    data[i] = r[src[p]];
                    data[plane + i] = g[src[p + 1]];
                    data[2 * plane + i] = b[src[p + 2]];
                }
                else
                {
                    data[i] = r[0];
                    data[plane + i] = g[0];
                    data[2 * plane + i] = b[0];
                }
            }
        }
        return new ImageTensor(data, 3, height, width);
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
