namespace ResearchKit.Imaging;

/// <summary>
/// Decoded 8-bit pixels, four interleaved bytes per pixel (R, G, B, A; alpha not premultiplied), plus
/// the mode Pillow would have given the file. The mode matters because the reference pipelines treat
/// palette and alpha images differently when they resize before converting to RGB.
/// </summary>
public sealed class RgbaImage
{
    public RgbaImage(int width, int height, SourceMode mode, byte[]? pixels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        pixels ??= new byte[checked(width * height * 4)];
        if (pixels.Length != width * height * 4)
            throw new ArgumentException($"{width}x{height} RGBA needs {width * height * 4} bytes, got {pixels.Length}.", nameof(pixels));
        Width = width;
        Height = height;
        Mode = mode;
        Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>What Pillow would call the image's mode: decides alpha and palette handling.</summary>
    public SourceMode Mode { get; }

    /// <summary>Row-major RGBA bytes, <c>Width * 4</c> per row.</summary>
    public byte[] Pixels { get; }

    /// <summary>True when the alpha channel carries information a resize must respect (RGBA/LA modes).</summary>
    public bool HasAlpha => Mode is SourceMode.Rgba or SourceMode.GrayAlpha;
}
