using System.Text.Json;

namespace ResearchKit.Imaging;

public sealed partial record PreprocessConfig
{
    /// <summary>
    /// Reads an Immich model folder's <c>visual/preprocess_cfg.json</c> (open_clip's preprocessing config as
    /// Immich's exporter saves it) and applies it as Immich's machine-learning service does: the image is
    /// converted to RGB right after decoding, then resized with the configured <c>interpolation</c> either
    /// to a square (<c>"squash"</c>, every SigLIP model) or shortest side first with a long side of
    /// <c>int(long / short * size)</c> and a center crop at <c>int(side / 2 - size / 2)</c> (<c>"shortest"</c>,
    /// the default of older configs), then divided by 255 and normalized with the config's mean and std.
    /// </summary>
    /// <exception cref="PreprocessConfigException">Missing size, an unknown resize mode or filter, or bad mean/std.</exception>
    public static PreprocessConfig FromImmich(string path)
    {
        using var doc = ReadJson(path);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new PreprocessConfigException(path, "must be a JSON object with size, interpolation, resize_mode, mean and std.");
        if (!root.TryGetProperty("size", out var s))
            throw new PreprocessConfigException(path, "'size' is missing; the input resolution is unknown.");
        var size = ReadSquareSize(path, s, "size");
        var filter = root.TryGetProperty("interpolation", out var interp) && interp.ValueKind == JsonValueKind.String
            ? FilterByName(path, "interpolation", interp.GetString())
            : ResamplingFilter.Bicubic;
        var mode = root.TryGetProperty("resize_mode", out var rm) && rm.ValueKind == JsonValueKind.String ? rm.GetString()! : "shortest";
        var config = new PreprocessConfig
        {
            Source = $"{path} (Immich)",
            // Immich's decode step converts to RGB before any resizing (alpha dropped, palette expanded).
            Order = ColorConversionOrder.ConvertThenResize,
            Filter = filter,
            Mean = ReadTriple(path, root, "mean", OpenAiMean),
            Std = ReadTriple(path, root, "std", OpenAiStd),
        };
        config = mode switch
        {
            "squash" => config with { Resize = ResizeMode.Exact, Width = size, Height = size },
            "shortest" => config with
            {
                Resize = ResizeMode.ShortestEdge,
                ShortestEdge = size,
                LongSide = LongSideRule.RatioFirst,
                CenterCrop = true,
                CropWidth = size,
                CropHeight = size,
                CropRounding = CropRounding.Truncate,
            },
            _ => throw new PreprocessConfigException(path, $"resize_mode '{mode}' is not one Immich applies (squash, shortest); fix the file or re-download it from the model's repository."),
        };
        return config.Validated();
    }
}
