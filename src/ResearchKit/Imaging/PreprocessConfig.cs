using System.Globalization;
using System.Text;
using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Imaging;

/// <summary>
/// Every decision between an image file and a model's pixel tensor, read from the model directory's
/// own config (never from per-model constants). The readers for each config format live in the
/// partial files beside this one.
/// </summary>
public sealed partial record PreprocessConfig
{
    /// <summary>Where the settings came from, for messages (file and processor type).</summary>
    public required string Source { get; init; }

    public ColorConversionOrder Order { get; init; } = ColorConversionOrder.ConvertThenResize;

    public ResizeMode Resize { get; init; } = ResizeMode.Exact;
    /// <summary>Target width for <see cref="ResizeMode.Exact"/>.</summary>
    public int Width { get; init; }
    /// <summary>Target height for <see cref="ResizeMode.Exact"/>.</summary>
    public int Height { get; init; }
    /// <summary>Short-side target for <see cref="ResizeMode.ShortestEdge"/>.</summary>
    public int ShortestEdge { get; init; }
    public LongSideRule LongSide { get; init; } = LongSideRule.ProductFirst;
    public ResamplingFilter Filter { get; init; } = ResamplingFilter.Bicubic;

    public bool CenterCrop { get; init; }
    public int CropWidth { get; init; }
    public int CropHeight { get; init; }
    public CropRounding CropRounding { get; init; } = CropRounding.Floor;

    public bool Rescale { get; init; } = true;
    /// <summary>Multiplier applied in double precision before narrowing to float, as the reference does.</summary>
    public double RescaleFactor { get; init; } = 1.0 / 255.0;

    public bool Normalize { get; init; } = true;
    public IReadOnlyList<float> Mean { get; init; } = [0.5f, 0.5f, 0.5f];
    public IReadOnlyList<float> Std { get; init; } = [0.5f, 0.5f, 0.5f];

    /// <summary>The fixed output size (height, width), or null when it depends on the image (shortest edge without crop).</summary>
    public (int Height, int Width)? OutputSize => CenterCrop ? (CropHeight, CropWidth)
        : Resize == ResizeMode.Exact ? (Height, Width) : null;

    /// <summary>
    /// A canonical one-line description of every setting that changes the pixels (not where they came from).
    /// A space's identity records it, so vectors made with other preprocessing are never mixed in.
    /// </summary>
    public string Describe()
    {
        static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);
        var s = new StringBuilder();
        s.Append(Order).Append('|').Append(Resize).Append('|').Append(Width).Append('x').Append(Height)
            .Append('|').Append(ShortestEdge).Append('|').Append(LongSide).Append('|').Append(Filter)
            .Append('|').Append(CenterCrop).Append(':').Append(CropWidth).Append('x').Append(CropHeight).Append(':').Append(CropRounding)
            .Append('|').Append(Rescale).Append(':').Append(RescaleFactor.ToString("R", CultureInfo.InvariantCulture))
            .Append('|').Append(Normalize).Append(':').AppendJoin(',', Mean.Select(F)).Append(':').AppendJoin(',', Std.Select(F));
        return s.ToString();
    }

    /// <summary>Largest side a config may ask for: far above any vision model's input, far below a size that exhausts memory.</summary>
    public const int MaxSide = 8192;

    /// <summary>Checks the settings are usable and throws a <see cref="PreprocessConfigException"/> naming the field otherwise.</summary>
    public PreprocessConfig Validated()
    {
        foreach (var (field, value) in new[] { ("size (width)", Width), ("size (height)", Height), ("shortest_edge", ShortestEdge), ("crop_size (width)", CropWidth), ("crop_size (height)", CropHeight) })
            if (value > MaxSide)
                throw new PreprocessConfigException(Source, $"{field} is {value}, larger than the {MaxSide} pixels ResearchKit accepts; the config is damaged or not a vision model's (they use 224 to 1024).");
        if (Resize == ResizeMode.Exact && (Width <= 0 || Height <= 0))
            throw new PreprocessConfigException(Source, $"resize size must be positive, got {Width}x{Height}.");
        if (Resize == ResizeMode.ShortestEdge && ShortestEdge <= 0)
            throw new PreprocessConfigException(Source, $"shortest_edge must be positive, got {ShortestEdge}.");
        if (CenterCrop && (CropWidth <= 0 || CropHeight <= 0))
            throw new PreprocessConfigException(Source, $"crop size must be positive, got {CropWidth}x{CropHeight}.");
        if (Normalize && (Mean.Count != 3 || Std.Count != 3))
            throw new PreprocessConfigException(Source, $"image_mean and image_std need 3 values (RGB), got {Mean.Count} and {Std.Count}.");
        if (Normalize && Std.Any(v => v == 0))
            throw new PreprocessConfigException(Source, "image_std contains 0; every channel needs a non-zero standard deviation.");
        return this;
    }

    /// <summary>Target size of the resize step for a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    public (int Width, int Height) ResizedSize(int width, int height)
    {
        switch (Resize)
        {
            case ResizeMode.Exact:
                return (Width, Height);
            case ResizeMode.ShortestEdge:
            {
                var portrait = width <= height;
                var (shortSide, longSide) = portrait ? (width, height) : (height, width);
                var newLong = LongSide == LongSideRule.ProductFirst
                    ? (int)((double)ShortestEdge * longSide / shortSide)
                    : (int)((double)longSide / shortSide * ShortestEdge);
                // Immich compares with a strict '<', HF and torchvision with '<='; equal sides give the same result.
                return portrait ? (ShortestEdge, newLong) : (newLong, ShortestEdge);
            }
            default:
                return (width, height);
        }
    }

    private static ResamplingFilter FilterByName(string path, string field, string? name) => name?.ToLowerInvariant() switch
    {
        "bicubic" => ResamplingFilter.Bicubic,
        "bilinear" => ResamplingFilter.Bilinear,
        "lanczos" => ResamplingFilter.Lanczos,
        "nearest" => ResamplingFilter.Nearest,
        "box" => ResamplingFilter.Box,
        "hamming" => ResamplingFilter.Hamming,
        _ => throw new PreprocessConfigException(path, $"{field} '{name}' is not a filter ResearchKit knows (bicubic, bilinear, lanczos, nearest, box, hamming)."),
    };

    private static JsonDocument ReadJson(string path) => JsonFile.Parse(path, (problem, e) => new PreprocessConfigException(path, problem, e));

    private static float[] ReadTriple(string path, JsonElement element, string field, float[] fallback)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return fallback;
        if (value.ValueKind == JsonValueKind.Number) return [value.GetSingle(), value.GetSingle(), value.GetSingle()];
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3 || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            throw new PreprocessConfigException(path, $"'{field}' must be three numbers (R, G, B).");
        return [.. value.EnumerateArray().Select(v => v.GetSingle())];
    }

    private static bool ReadBool(JsonElement element, string field, bool fallback) =>
        element.TryGetProperty(field, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : fallback;

    // A whole number that fits an int; a fraction or a 40-digit size is the config's error, not a crash.
    private static int Whole(string path, JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n
            : throw new PreprocessConfigException(path, $"'{field}' must be a whole number of pixels, got {value.GetRawText()}.");

    private static int RequireInt(string path, JsonElement element, string field)
    {
        if (element.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i)) return i;
        throw new PreprocessConfigException(path, $"'{field}' must be an integer.");
    }
}
