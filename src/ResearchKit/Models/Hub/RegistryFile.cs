namespace ResearchKit.Models.Hub;

/// <summary>One file of a registry entry: its path in the repository and, where recorded, its size and SHA-256.</summary>
/// <param name="Path">Path inside the repository, with forward slashes (e.g. <c>onnx/vision_model.onnx</c>).</param>
/// <param name="Size">Exact size in bytes, or null when the registry does not record it.</param>
/// <param name="Sha256">Lower-case hex SHA-256, or null when the registry does not record it.</param>
public sealed record RegistryFile(string Path, long? Size = null, string? Sha256 = null)
{
    /// <summary>True when both size and hash are recorded, so verification is complete.</summary>
    public bool FullyPinned => Size is not null && Sha256 is not null;
}
