using System.Numerics.Tensors;
using ResearchKit.Embeddings;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Service.Judging;

/// <summary>
/// Makes query-result pairs to label: each query's top results in the space by cosine similarity, query after
/// query, leaving out pairs already judged or handed out. Text queries are embedded once by the space's model.
/// </summary>
internal sealed class RelevanceTaskSource(EmbeddingSpace space, IReadOnlyList<string> queries, Func<string, float[]> embedText,
    JudgmentStore store, int perQuery)
{
    private const int Batch = 16;
    private readonly ExactScanner _scanner = new(new VectorMatrix(space.Vectors, space.Dimension));
    private readonly Dictionary<string, RelevanceTask[]> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, float[]> _textVectors = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IEnumerable<RelevanceTask> Generate(IReadOnlySet<string> handedOut)
    {
        var judged = store.Relevance().Select(r => RelevanceTask.KeyOf(r.Query, r.Item)).ToHashSet(StringComparer.Ordinal);
        var tasks = new List<RelevanceTask>();
        foreach (var query in queries)
        {
            tasks.AddRange(ResultsOf(query).Where(t => !judged.Contains(t.Key) && !handedOut.Contains(t.Key)));
            if (tasks.Count >= Batch) break;
        }
        return tasks;
    }

    /// <summary>The cosine similarity of an item to a query, when the query's vector is known (item queries always).</summary>
    public double? ScoreOf(string query, string item)
    {
        if (!space.TryGetRow(item, out var row)) return null;
        lock (_gate)
        {
            var vector = VectorOf(query, embed: false);
            return vector.IsEmpty ? null : TensorPrimitives.Dot(vector, space.Vector(row));
        }
    }

    private RelevanceTask[] ResultsOf(string query)
    {
        lock (_gate)
        {
            if (_results.TryGetValue(query, out var cached)) return cached;
            var vector = VectorOf(query, embed: true);
            var self = SearchQuery.Parse(query) is ItemQuery item && space.TryGetRow(item.ItemId, out var r) ? r : -1;
            var hits = _scanner.Search(vector, perQuery + 1).Where(h => h.Row != self).Take(perQuery);
            return _results[query] = [.. hits.Select(h => RelevanceTask.Of(query, space.Ids[h.Row], h.Score))];
        }
    }

    // Callers hold the gate.
    private ReadOnlySpan<float> VectorOf(string query, bool embed)
    {
        if (SearchQuery.Parse(query) is ItemQuery item)
            return space.TryGetRow(item.ItemId, out var row) ? space.Vector(row) : throw new UnknownItemException(item.ItemId, $"space '{space.Name}'");
        if (_textVectors.TryGetValue(query, out var known)) return known;
        if (!embed) return default;
        return _textVectors[query] = embedText(query);
    }
}
