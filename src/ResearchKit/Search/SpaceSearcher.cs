using ResearchKit.Embeddings;

namespace ResearchKit.Search;

/// <summary>
/// Scans one loaded space: exact top-k (or int8 with exact re-scoring) over its normalised vectors, with an
/// optional row filter, for single or expanded (max-fused) queries.
/// </summary>
public sealed class SpaceSearcher
{
    private readonly ExactScanner _exact;
    private readonly Lazy<Int8Scanner> _int8;

    public SpaceSearcher(EmbeddingSpace space)
    {
        Space = space;
        var matrix = new VectorMatrix(space.Vectors, space.Dimension);
        _exact = new ExactScanner(matrix);
        _int8 = new Lazy<Int8Scanner>(() => new Int8Scanner(matrix));
    }

    public EmbeddingSpace Space { get; }

    /// <summary>The best <paramref name="k"/> items for a query, as (id, global score), best first.</summary>
    public IReadOnlyList<RankedItem> Search(QueryVectors query, int k, Func<int, bool>? rowFilter, bool quantized)
    {
        if (query.Dimension != Space.Dimension) throw new DimensionMismatchException("query", Space.Dimension, query.Dimension);
        if (k <= 0 || Space.Count == 0) return [];
        if (query.IsPlain)
            return [.. Scan(query.Vectors[0], k, rowFilter, quantized).Select(r => new RankedItem(Space.Ids[r.Row], r.Score, r.Score))];
        // Max fusion: every term's top k contains the fused top k's members that term wins (its weight is positive, so
        // it ranks by its own cosine), so the union is enough.
        var rows = new HashSet<int>();
        foreach (var vector in query.Vectors)
            foreach (var hit in Scan(vector, k, rowFilter, quantized)) rows.Add(hit.Row);
        var fused = rows.Select(r => new RankedItem(Space.Ids[r], query.Score(Space.Vector(r)), query.Score(Space.Vector(r)))).ToList();
        fused.Sort(RankedItem.BestFirst);
        return fused.Count > k ? fused[..k] : fused;
    }

    /// <summary>Exact scores of the given ids (those the space holds) for a query.</summary>
    public Dictionary<string, double> ScoreIds(QueryVectors query, IEnumerable<string> ids)
    {
        if (query.Dimension != Space.Dimension) throw new DimensionMismatchException("query", Space.Dimension, query.Dimension);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (Space.TryGetRow(id, out var row)) scores[id] = query.Score(Space.Vector(row));
        return scores;
    }

    private ScoredRow[] Scan(float[] vector, int k, Func<int, bool>? rowFilter, bool quantized) =>
        quantized ? _int8.Value.Search(vector, k, rowFilter) : _exact.Search(vector, k, rowFilter);
}
