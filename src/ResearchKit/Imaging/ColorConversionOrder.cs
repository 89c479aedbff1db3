namespace ResearchKit.Imaging;

/// <summary>Whether the image is converted to RGB before or after resizing; the references disagree.</summary>
public enum ColorConversionOrder
{
    /// <summary>Hugging Face processors: <c>convert("RGB")</c> first, alpha dropped (not composited), palette expanded.</summary>
    ConvertThenResize,
    /// <summary>open_clip and Immich: resize in the file's mode (alpha premultiplied, palette NEAREST), then convert.</summary>
    ResizeThenConvert,
}
