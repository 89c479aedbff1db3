namespace ResearchKit.Imaging;

/// <summary>An image decoded one row at a time as 8-bit RGB or straight-alpha RGBA, for reducing images too large to hold whole.</summary>
internal interface IImageRows : IDisposable
{
    int Width { get; }
    int Height { get; }

    /// <summary>True when the alpha channel carries information (reduce premultiplied).</summary>
    bool HasAlpha { get; }

    /// <summary>True when rows come last row first (BMP).</summary>
    bool BottomUp { get; }

    /// <summary>Bytes per pixel in a row: 3 (RGB, opaque) or 4 (RGBA).</summary>
    int Channels { get; }

    /// <summary>Decodes the next row into <paramref name="row"/> (<c>Width * Channels</c> bytes).</summary>
    void Read(Span<byte> row);
}
