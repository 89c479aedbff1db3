using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Embeddings;

/// <summary>
/// The one identity of an embedding space: everything that decides its vectors (model files and their SHA-256,
/// family, dimension, the resolved preprocessing including a caller override, the image-load options such as EXIF
/// orientation, the ONNX variant and the pooling). Vectors of two identities with different
/// <see cref="Fingerprint"/>s are not comparable, so a change rebuilds the space instead of mixing them.
/// </summary>
/// <param name="Space">Space name within the dataset's store (e.g. siglip-emoji).</param>
/// <param name="Model">Model name (registry name or directory name).</param>
/// <param name="Family">Model family (Siglip, Siglip2, Dinov2, Eva02Clip...).</param>
/// <param name="ModelDirectory">Where the model was loaded from when the space was built (not part of the fingerprint).</param>
/// <param name="Dimension">Vector length.</param>
/// <param name="Preprocess">Canonical description of the resolved preprocessing (<see cref="PreprocessConfig.Describe"/>).</param>
/// <param name="Files">SHA-256 (lower-case hex) of each model file (towers, their external weight files, tokenizer, preprocessing config) by file name.</param>
public sealed record SpaceIdentity(
    string Space,
    string Model,
    string Family,
    string ModelDirectory,
    int Dimension,
    string Preprocess,
    IReadOnlyDictionary<string, string> Files)
{
    private static readonly JsonSerializerOptions Canonical = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>How image files were opened (EXIF orientation, and any later decode setting); the pixel limit is not part of it.</summary>
    public ImageLoadOptions ImageLoad { get; init; } = new();

    /// <summary>The ONNX file variant (optimum suffix such as fp16 or quantized), or null for the plain file.</summary>
    public string? Variant { get; init; }

    /// <summary>How the embedding was pooled from the graph's output (DINOv2: CLS token or CLS plus mean patch token).</summary>
    public string Pooling { get; init; } = nameof(EmbeddingPooling.ClsToken);

    /// <summary>A short hash of every input of the vectors (not the space name or where the model lay); equal fingerprints mean comparable vectors.</summary>
    public string Fingerprint => Hash(JsonSerializer.Serialize(new
    {
        Family,
        Dimension,
        Files = Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}:{f.Value}").ToArray(),
        Preprocess,
        ImageLoad = PixelSettings(ImageLoad),
        Variant,
        Pooling,
    }, Canonical));

    /// <summary>A short hash of the pixel pipeline alone (preprocessing and image-load options), as search configs record it.</summary>
    public string PreprocessFingerprint => Hash(Preprocess + "|" + JsonSerializer.Serialize(PixelSettings(ImageLoad), Canonical));

    /// <summary>The identity of the image space <paramref name="model"/> produces, named <paramref name="space"/> (default: the model's name).</summary>
    public static SpaceIdentity Of(EmbeddingModel model, string? space = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var identity = model.Identity;
        return space is null ? identity : identity with { Space = EmbeddingStore.CheckName(space) };
    }

    /// <summary>Computes the identity of a loaded model (hashes its files; <see cref="EmbeddingModel.Identity"/> caches it).</summary>
    internal static SpaceIdentity Compute(EmbeddingModel model)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var dir = model.Directory;
        foreach (var path in new[] { dir.ImageModelPath, dir.TextModelPath, dir.TokenizerPath, dir.PreprocessConfigPath })
            if (path is not null && File.Exists(path)) files[FileKey(dir.Root, path)] = HashFile(path);
        // Weights stored beside a graph (*.onnx_data) are inputs of the vectors as much as the graph itself.
        foreach (var graph in new[] { dir.ImageModelPath, dir.TextModelPath })
            if (graph is not null && File.Exists(graph))
                foreach (var external in OnnxExternalData.Files(graph))
                    if (Path.Combine(Path.GetDirectoryName(graph)!, external) is var path && File.Exists(path)) files[FileKey(dir.Root, path)] = HashFile(path);
        return new SpaceIdentity(
            EmbeddingStore.CheckName(model.Name), model.Name, model.Family.ToString(), dir.Root,
            model.ImageEncoder.Dimension, model.Preprocessor.Config.Describe(), files)
        {
            ImageLoad = model.Options.ImageLoad,
            Variant = model.Options.Encoder.Variant,
            Pooling = model.Options.Encoder.DinoPooling.ToString(),
        };
    }

    // Keyed by the path inside the model folder, not the bare file name: Immich keeps visual/model.onnx and
    // textual/model.onnx, which a file-name key would fold into one entry (hiding a change to either tower).
    private static string FileKey(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>The model options that reproduce this identity's inputs when its model is opened again (a preprocessing override cannot be restored).</summary>
    public EmbeddingModelOptions ModelOptions(EmbeddingModelOptions? runtime = null)
    {
        runtime ??= EmbeddingModelOptions.Default;
        return runtime with
        {
            ImageLoad = ImageLoad with { MaxPixels = runtime.ImageLoad.MaxPixels },
            Encoder = runtime.Encoder with
            {
                Variant = Variant,
                DinoPooling = Enum.TryParse<EmbeddingPooling>(Pooling, out var pooling) ? pooling : runtime.Encoder.DinoPooling,
            },
        };
    }

    /// <summary>Why vectors made under <paramref name="other"/> cannot be reused here, or null when they can.</summary>
    public string? DifferenceFrom(SpaceIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Family != Family) return $"the model family changed from {other.Family} to {Family}";
        if (other.Dimension != Dimension) return $"the dimension changed from {other.Dimension} to {Dimension}";
        if (other.Preprocess != Preprocess) return $"the preprocessing settings changed (from {other.Preprocess} to {Preprocess})";
        if (other.ImageLoad.ApplyExifOrientation != ImageLoad.ApplyExifOrientation)
            return $"EXIF orientation was {OnOff(other.ImageLoad.ApplyExifOrientation)} and is now {OnOff(ImageLoad.ApplyExifOrientation)}";
        if (other.ImageLoad.Draft != ImageLoad.Draft)
            return $"draft JPEG decoding was {OnOff(other.ImageLoad.Draft)} and is now {OnOff(ImageLoad.Draft)}";
        if (PixelSettings(other.ImageLoad) != PixelSettings(ImageLoad)) return "the image loading options changed";
        if (other.Variant != Variant) return $"the ONNX variant changed from {other.Variant ?? "plain"} to {Variant ?? "plain"}";
        if (other.Pooling != Pooling) return $"the pooling changed from {other.Pooling} to {Pooling}";
        foreach (var (file, hash) in Files)
            if (!other.Files.TryGetValue(file, out var old) || old != hash) return $"the model file {file} changed";
        if (other.Files.Keys.Except(Files.Keys).FirstOrDefault() is { } gone) return $"the model file {gone} is gone";
        return null;
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    // The pixel limit only refuses files; every other image-load setting (now or added later) changes pixels.
    private static ImageLoadOptions PixelSettings(ImageLoadOptions options) => options with { MaxPixels = ImageLoadOptions.DefaultMaxPixels };

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
