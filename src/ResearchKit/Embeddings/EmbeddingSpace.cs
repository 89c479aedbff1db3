namespace ResearchKit.Embeddings;

/// <summary>
/// One model's embeddings of a dataset, loaded for search: item ids in row order and a row-major matrix of
/// L2-normalised float32 vectors, so a dot product is the cosine similarity.
/// </summary>
public sealed class EmbeddingSpace
{
    private readonly Dictionary<string, int> _rowOf;

    public EmbeddingSpace(SpaceIdentity identity, IReadOnlyList<string> ids, float[] vectors)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (vectors.LongLength != (long)ids.Count * identity.Dimension)
            throw new ArgumentException($"{ids.Count} ids of dimension {identity.Dimension} need {(long)ids.Count * identity.Dimension} floats, got {vectors.LongLength}.", nameof(vectors));
        Identity = identity;
        Ids = ids;
        Vectors = vectors;
        _rowOf = new Dictionary<string, int>(ids.Count, StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++) _rowOf[ids[i]] = i;
    }

    public SpaceIdentity Identity { get; }
    public string Name => Identity.Space;
    public int Dimension => Identity.Dimension;
    public int Count => Ids.Count;
    public IReadOnlyList<string> Ids { get; }

    /// <summary>Row-major vectors, <c>Count * Dimension</c> floats.</summary>
    public float[] Vectors { get; }

    public ReadOnlySpan<float> Vector(int row) => Vectors.AsSpan(row * Dimension, Dimension);

    public bool TryGetRow(string id, out int row) => _rowOf.TryGetValue(id, out row);

    /// <summary>The row of an item id.</summary>
    /// <exception cref="UnknownItemException">The space has no such item.</exception>
    public int RowOf(string id) =>
        _rowOf.TryGetValue(id, out var row) ? row : throw new UnknownItemException(id, Name);
}
