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

    /// <summary>Sum of the recorded file sizes, or null when any size is unknown.</summary>
    public long? TotalSize => Files.All(f => f.Size is not null) ? Files.Sum(f => f.Size!.Value) : null;
}
