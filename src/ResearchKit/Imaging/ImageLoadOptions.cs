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

    /// <summary>
    /// Draft decoding, as Pillow's <c>Image.draft</c>: a JPEG that the preprocessing shrinks by 2x or more is
    /// decoded at 1/2, 1/4 or 1/8 scale (the largest that still leaves at least the resize target), then
    /// resized exactly. Much faster on large photos, but the pixels, and so the embeddings, differ slightly
    /// from the reference's; off by default. Other formats are unaffected.
    /// </summary>
    public bool Draft { get; init; }
}
