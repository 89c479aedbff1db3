namespace ResearchKit.Models.Hub;

/// <summary>
/// Another precision of an entry's ONNX graphs (optimum / transformers.js suffixes such as <c>fp16</c>,
/// <c>quantized</c>, <c>int8</c>, <c>q4</c>): its graph files replace the entry's own, every other file is shared.
/// </summary>
public sealed record RegistryVariant
{
    /// <summary>The suffix users pass with <c>--variant</c>, e.g. <c>fp16</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The variant's graph files (and their external data) that replace the entry's <c>.onnx</c> files.</summary>
    public required IReadOnlyList<RegistryFile> Files { get; init; }

    /// <summary>A quality warning shown on pull and load (e.g. a measured cosine to fp32), or null when none is known.</summary>
    public string? Caution { get; init; }
}
