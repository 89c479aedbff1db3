using System.Text.Json;

namespace ResearchKit.Imaging;

public sealed partial record PreprocessConfig
{
    private static readonly float[] ImageNetMean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] ImageNetStd = [0.229f, 0.224f, 0.225f];

    /// <summary>
    /// Reads a Hugging Face <c>preprocessor_config.json</c> (SiglipImageProcessor, BitImageProcessor,
    /// CLIPImageProcessor and compatible): convert to RGB first, resize, optional center crop with
    /// floored offsets, rescale, normalize.
    /// </summary>
    /// <exception cref="PreprocessConfigException">Missing file, bad JSON, or an unsupported field value.</exception>
    public static PreprocessConfig FromHuggingFace(string path)
    {
        using var doc = ReadJson(path);
        var root = doc.RootElement;
        var type = root.TryGetProperty("image_processor_type", out var t) ? t.GetString() ?? "" : "";
        if (type.StartsWith("Siglip2", StringComparison.Ordinal) || root.TryGetProperty("max_num_patches", out _))
            throw new PreprocessConfigException(path, $"{type} is SigLIP 2's variable-resolution (NaFlex) processor, which ResearchKit does not implement; use a fixed-resolution checkpoint such as siglip2-base-patch16-224.");

        // CLIP-style processors read a bare integer size as a shortest edge; SigLIP-style ones as a square.
        var squareDefault = !(type.Contains("CLIP", StringComparison.Ordinal) || type.StartsWith("Bit", StringComparison.Ordinal));
        var config = new PreprocessConfig
        {
            Source = $"{path} ({(type.Length > 0 ? type : "image processor")})",
            Order = ColorConversionOrder.ConvertThenResize,
            CropRounding = CropRounding.Floor,
            LongSide = LongSideRule.ProductFirst,
            Filter = root.TryGetProperty("resample", out var r) ? FilterByNumber(path, r) : ResamplingFilter.Bicubic,
            Rescale = ReadBool(root, "do_rescale", true),
            RescaleFactor = root.TryGetProperty("rescale_factor", out var rf) && rf.ValueKind == JsonValueKind.Number ? rf.GetDouble() : 1.0 / 255.0,
            Normalize = ReadBool(root, "do_normalize", true),
            Mean = ReadTriple(path, root, "image_mean", ImageNetMean),
            Std = ReadTriple(path, root, "image_std", ImageNetStd),
        };

        if (ReadBool(root, "do_resize", true))
        {
            if (!root.TryGetProperty("size", out var size))
                throw new PreprocessConfigException(path, "'size' is missing but do_resize is true.");
            config = size.ValueKind switch
            {
                JsonValueKind.Number when squareDefault => config with { Resize = ResizeMode.Exact, Width = Whole(path, size, "size"), Height = Whole(path, size, "size") },
                JsonValueKind.Number => config with { Resize = ResizeMode.ShortestEdge, ShortestEdge = Whole(path, size, "size") },
                JsonValueKind.Object when size.TryGetProperty("longest_edge", out _) =>
                    throw new PreprocessConfigException(path, "'size' has longest_edge, which ResearchKit does not implement; only {height, width} and {shortest_edge} are supported."),
                JsonValueKind.Object when size.TryGetProperty("shortest_edge", out _) => config with { Resize = ResizeMode.ShortestEdge, ShortestEdge = RequireInt(path, size, "shortest_edge") },
                JsonValueKind.Object => config with { Resize = ResizeMode.Exact, Width = RequireInt(path, size, "width"), Height = RequireInt(path, size, "height") },
                _ => throw new PreprocessConfigException(path, "'size' must be an integer or an object with height/width or shortest_edge."),
            };
        }
        else
        {
            config = config with { Resize = ResizeMode.None };
        }

        if (ReadBool(root, "do_center_crop", false))
        {
            if (!root.TryGetProperty("crop_size", out var crop))
                throw new PreprocessConfigException(path, "'crop_size' is missing but do_center_crop is true.");
            config = crop.ValueKind switch
            {
                JsonValueKind.Number => config with { CenterCrop = true, CropWidth = Whole(path, crop, "crop_size"), CropHeight = Whole(path, crop, "crop_size") },
                JsonValueKind.Object => config with { CenterCrop = true, CropWidth = RequireInt(path, crop, "width"), CropHeight = RequireInt(path, crop, "height") },
                _ => throw new PreprocessConfigException(path, "'crop_size' must be an integer or {height, width}."),
            };
        }
        return config.Validated();
    }

    private static ResamplingFilter FilterByNumber(string path, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 0 and <= 5)
            return (ResamplingFilter)n;
        if (value.ValueKind == JsonValueKind.String)
            return FilterByName(path, "resample", value.GetString());
        throw new PreprocessConfigException(path, $"'resample' must be a PIL filter number 0-5 (3 = bicubic, 2 = bilinear), got {value.GetRawText()}.");
    }
}
