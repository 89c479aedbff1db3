namespace ResearchKit.Embeddings.Storage;

/// <summary>One row of a <see cref="VectorLog"/>: the item's key and the stamp of the source it was computed from.</summary>
/// <param name="Key">The item id.</param>
/// <param name="Stamp">Opaque version of the source (file size and modification time), so a changed file is re-embedded.</param>
public sealed record LogRow(string Key, string Stamp);
