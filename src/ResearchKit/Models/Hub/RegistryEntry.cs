namespace ResearchKit.Models.Hub;

/// <summary>
/// A model users can pick by name: where its files live on the hub, what they should be, and what the
/// model produces. Loaded from <c>models/registry.json</c>.
/// </summary>
public sealed record RegistryEntry
{
    /// <summary>The name users type, such as <c>facebook/dinov2-small</c>; matched case-insensitively.</summary>
    public required string Name { get; init; }
    public required ModelFamily Family { get; init; }
    /// <summary>Hub repository holding the ONNX export, <c>org/name</c>.</summary>
    public required string Repo { get; init; }
    /// <summary>Branch, tag or commit to download; "main" unless pinned.</summary>
    public string Revision { get; init; } = "main";
    /// <summary>The original (usually PyTorch) checkpoint the export was made from, for provenance.</summary>
    public string? Upstream { get; init; }
    public required IReadOnlyList<RegistryFile> Files { get; init; }
    /// <summary>Length of the image embedding.</summary>
    public required int EmbeddingDim { get; init; }
    /// <summary>Side of the square input image, in pixels.</summary>
    public required int ImageSize { get; init; }
    /// <summary>Preprocessing recipe name (siglip, siglip2, dinov2, eva02clip).</summary>
    public string Preprocessing { get; init; } = "";
    /// <summary>Licence identifier of the weights (SPDX where there is one).</summary>
    public string License { get; init; } = "";
    public ModelLayout Layout { get; init; } = ModelLayout.HuggingFace;
    /// <summary>False for entries with no known downloadable ONNX export; <c>pull</c> refuses them and says why in <see cref="Note"/>.</summary>
    public bool Pullable { get; init; } = true;
    /// <summary>How sure the registry is of this entry, and any caveat users should know.</summary>
    public string? Note { get; init; }

    /// <summary>Other precisions of the graphs (fp16, quantized, ...), selectable with <c>--variant</c>.</summary>
    public IReadOnlyList<RegistryVariant> Variants { get; init; } = [];

    /// <summary>
    /// SigLIP's trained logit scale (already exponentiated) and bias, where the checkpoint's values are known.
    /// The ONNX towers do not carry them, so they are recorded here; null where nobody has published them.
    /// </summary>
    public LogitParameters? Logits { get; init; }

    /// <summary>Sum of the recorded file sizes, or null when any size is unknown.</summary>
    public long? TotalSize => Files.All(f => f.Size is not null) ? Files.Sum(f => f.Size!.Value) : null;

    /// <summary>The variant called <paramref name="name"/> (case-insensitive), or null for the plain fp32 graphs.</summary>
    /// <exception cref="UnknownVariantException">The entry lists no such variant.</exception>
    public RegistryVariant? Variant(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        return Variants.FirstOrDefault(v => string.Equals(v.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new UnknownVariantException(Name, name.Trim(), [.. Variants.Select(v => v.Name)]);
    }

    /// <summary>
    /// The files a variant needs: every shared file of the entry plus the variant's graphs (whose names
    /// replace the entry's <c>.onnx</c> and external-data files); the entry's own files for null.
    /// </summary>
    /// <exception cref="UnknownVariantException">The entry lists no such variant.</exception>
    public IReadOnlyList<RegistryFile> FilesFor(string? variant)
    {
        var chosen = Variant(variant);
        return chosen is null ? Files : [.. Files.Where(f => !IsGraphFile(f.Path)), .. chosen.Files];
    }

    /// <summary>True for ONNX graphs and their external-data files, the files a variant replaces.</summary>
    public static bool IsGraphFile(string path) =>
        path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".onnx_data", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".onnx.data", StringComparison.OrdinalIgnoreCase);
}
