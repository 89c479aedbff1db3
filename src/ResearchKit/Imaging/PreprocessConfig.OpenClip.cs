using System.Text.Json;

namespace ResearchKit.Imaging;

public sealed partial record PreprocessConfig
{
    private static readonly float[] OpenAiMean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] OpenAiStd = [0.26862954f, 0.26130258f, 0.27577711f];

    /// <summary>
    /// Reads an <c>open_clip_config.json</c>: open_clip's eval transform, which resizes the PIL image in
    /// its own mode (torchvision Resize, shortest edge), center crops with offsets rounded half to even,
    /// and only then converts to RGB. Settings missing from <c>preprocess_cfg</c> take open_clip's
    /// defaults (OpenAI mean/std, bicubic, shortest).
    /// </summary>
    public static PreprocessConfig FromOpenClip(string path)
    {
        using var doc = ReadJson(path);
        var root = doc.RootElement;
        var cfg = root.TryGetProperty("preprocess_cfg", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        // Hub checkpoints nest the model config under model_cfg; open_clip takes the input size from its vision_cfg.
        var nested = root.TryGetProperty("model_cfg", out var mc) && mc.ValueKind == JsonValueKind.Object;
        var model = nested ? mc : root;
        var prefix = nested ? "model_cfg." : "";
        int size;
        if (cfg.ValueKind == JsonValueKind.Object && cfg.TryGetProperty("size", out var s))
            size = ReadSquareSize(path, s, "preprocess_cfg.size");
        else if (model.TryGetProperty("vision_cfg", out var vc) && vc.TryGetProperty("image_size", out var imageSize))
            size = ReadSquareSize(path, imageSize, prefix + "vision_cfg.image_size");
        else
            throw new PreprocessConfigException(path, $"neither preprocess_cfg.size nor {prefix}vision_cfg.image_size is set; the input resolution is unknown.");

        var mode = cfg.ValueKind == JsonValueKind.Object && cfg.TryGetProperty("resize_mode", out var rm) ? rm.GetString() ?? "shortest" : "shortest";
        var filter = cfg.ValueKind == JsonValueKind.Object && cfg.TryGetProperty("interpolation", out var interp)
            ? FilterByName(path, "preprocess_cfg.interpolation", interp.GetString()) : ResamplingFilter.Bicubic;
        var config = new PreprocessConfig
        {
            Source = $"{path} (open_clip)",
            Order = ColorConversionOrder.ResizeThenConvert,
            Filter = filter,
            CropRounding = CropRounding.HalfToEven,
            LongSide = LongSideRule.ProductFirst,
            Rescale = true,
            RescaleFactor = 1.0 / 255.0,
            Normalize = true,
            Mean = cfg.ValueKind == JsonValueKind.Object ? ReadTriple(path, cfg, "mean", OpenAiMean) : OpenAiMean,
            Std = cfg.ValueKind == JsonValueKind.Object ? ReadTriple(path, cfg, "std", OpenAiStd) : OpenAiStd,
        };
        config = mode switch
        {
            "shortest" => config with { Resize = ResizeMode.ShortestEdge, ShortestEdge = size, CenterCrop = true, CropWidth = size, CropHeight = size },
            "squash" => config with { Resize = ResizeMode.Exact, Width = size, Height = size },
            _ => throw new PreprocessConfigException(path, $"preprocess_cfg.resize_mode '{mode}' is not supported (shortest, squash)."),
        };
        return config.Validated();
    }

    private static int ReadSquareSize(string path, JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Number) return Whole(path, value, field);
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2)
        {
            var h = Whole(path, value[0], field);
            var w = Whole(path, value[1], field);
            if (h == w) return h;
            throw new PreprocessConfigException(path, $"{field} is {h}x{w}; only square inputs are supported.");
        }
        throw new PreprocessConfigException(path, $"{field} must be an integer or [height, width].");
    }
}
