namespace ResearchKit.Embeddings;

/// <summary>
/// What produced a space's vectors: the model (name, family, tower files and their SHA-256) and its
/// preprocessing. Vectors from a different identity are not comparable, so a change invalidates the space.
/// </summary>
/// <param name="Space">Space name within the dataset's store (e.g. siglip-emoji).</param>
/// <param name="Model">Model name (registry name or directory name).</param>
/// <param name="Family">Model family (Siglip, Siglip2, Dinov2, Eva02Clip...).</param>
/// <param name="ModelDirectory">Where the model was loaded from when the space was built.</param>
/// <param name="Dimension">Vector length.</param>
/// <param name="PreprocessFingerprint">Hash of the resolved preprocessing settings.</param>
/// <param name="Files">SHA-256 (lower-case hex) of each model file by file name.</param>
public sealed record SpaceIdentity(
    string Space,
    string Model,
    string Family,
    string ModelDirectory,
    int Dimension,
    string PreprocessFingerprint,
    IReadOnlyDictionary<string, string> Files)
{
    /// <summary>Why vectors made under <paramref name="other"/> cannot be reused here, or null when they can.</summary>
    public string? DifferenceFrom(SpaceIdentity other)
    {
        if (other.Family != Family) return $"the model family changed from {other.Family} to {Family}";
        if (other.Dimension != Dimension) return $"the dimension changed from {other.Dimension} to {Dimension}";
        if (other.PreprocessFingerprint != PreprocessFingerprint) return "the preprocessing settings changed";
        foreach (var (file, hash) in Files)
            if (!other.Files.TryGetValue(file, out var old) || old != hash) return $"the model file {file} changed";
        if (other.Files.Keys.Except(Files.Keys).FirstOrDefault() is { } gone) return $"the model file {gone} is gone";
        return null;
    }
}
