namespace ResearchKit.Imaging;

/// <summary>How image files are opened before preprocessing.</summary>
public sealed record ImageLoadOptions
{
    /// <summary>Pillow's decompression-bomb warning threshold (1024 * 1024 * 1024 / 4 / 3 pixels).</summary>
    public const long DefaultMaxPixels = 89_478_485;

    /// <summary>
    /// Rotate/flip by the EXIF orientation tag. Off by default: none of the reference processors do it,
    /// so turning it on makes pixels (and embeddings) differ from what the model was evaluated with.
    /// </summary>
    public bool ApplyExifOrientation { get; init; }

    /// <summary>Images with more pixels than this are refused from their header, before decoding.</summary>
    public long MaxPixels { get; init; } = DefaultMaxPixels;
}
