namespace ResearchKit.Imaging;

/// <summary>
/// The Pillow mode a file opens in. Grey and colour resample identically per channel, but palette
/// images are resized with NEAREST and alpha images premultiplied when a pipeline resizes before
/// converting to RGB (open_clip), so those two facts are kept from the file header.
/// </summary>
public enum SourceMode
{
    Rgb,
    Rgba,
    Gray,
    GrayAlpha,
    /// <summary>Palette ("P") or bilevel ("1") images: Pillow forces NEAREST when resizing them.</summary>
    Palette,
}
