using System.Text.Json;

namespace ResearchKit.Imaging;

public sealed partial record PreprocessConfig
{
    /// <summary>
    /// Reads an Immich model folder's <c>visual/preprocess_cfg.json</c>. Immich resizes the PIL image in
    /// its own mode with <c>int(long / short * size)</c> for the long side, crops with a truncated
    /// offset, then converts to RGB and divides by 255, so those rules are used here.
    /// </summary>
    public static PreprocessConfig FromImmich(string path)
    {
        using var doc = ReadJson(path);
        var root = doc.RootElement;
        if (!root.TryGetProperty("size", out var s))
            throw new PreprocessConfigException(path, "'size' is missing; the input resolution is unknown.");
        var size = ReadSquareSize(path, s, "size");
        var mode = root.TryGetProperty("resize_mode", out var rm) ? rm.GetString() ?? "shortest" : "shortest";
        if (mode != "shortest")
            throw new PreprocessConfigException(path, $"resize_mode '{mode}' is not supported for Immich models (shortest).");
        return new PreprocessConfig
        {
            Source = $"{path} (Immich)",
            Order = ColorConversionOrder.ResizeThenConvert,
            Resize = ResizeMode.ShortestEdge,
            ShortestEdge = size,
            LongSide = LongSideRule.RatioFirst,
            // Immich's resize helper always uses BICUBIC, whatever the config's interpolation says.
            Filter = ResamplingFilter.Bicubic,
            CenterCrop = true,
            CropWidth = size,
            CropHeight = size,
            CropRounding = CropRounding.Truncate,
            Mean = ReadTriple(path, root, "mean", OpenAiMean),
            Std = ReadTriple(path, root, "std", OpenAiStd),
        }.Validated();
    }
}
