using ResearchKit.Datasets;

namespace ResearchKit.Evaluation;

/// <summary>
/// Accumulates recall@k per value of a gallery metadata field. The ranking is the one the query got over the
/// whole gallery; only the relevant items are split up, so the groups show which kind of match a model finds
/// or misses without changing what was searched.
/// </summary>
internal sealed class RecallBreakdown(string field)
{
    /// <summary>The group of an item that lacks the field.</summary>
    public const string Missing = "(none)";

    private readonly SortedDictionary<string, (int Queries, double Recall, int Hits)> _groups = new(StringComparer.Ordinal);

    /// <summary>Adds one query: <paramref name="ranked"/> are the top-k ids, <paramref name="relevant"/> the relevant ids.</summary>
    public void Add(Dataset gallery, IReadOnlyList<string> ranked, IEnumerable<string> relevant)
    {
        var top = new HashSet<string>(ranked, StringComparer.Ordinal);
        foreach (var group in relevant.Distinct(StringComparer.Ordinal).GroupBy(id => ValueOf(gallery, id), StringComparer.Ordinal))
        {
            var ids = group.ToArray();
            var found = ids.Count(top.Contains);
            var (queries, recall, hits) = _groups.GetValueOrDefault(group.Key);
            _groups[group.Key] = (queries + 1, recall + (double)found / ids.Length, hits + (found > 0 ? 1 : 0));
        }
    }

    /// <summary>One score per value, in ordinal order.</summary>
    public IReadOnlyList<BreakdownScore> Scores() =>
        [.. _groups.Select(g => new BreakdownScore(g.Key, g.Value.Queries, g.Value.Recall / g.Value.Queries, (double)g.Value.Hits / g.Value.Queries))];

    private string ValueOf(Dataset gallery, string id) =>
        gallery.TryGet(id, out var item) && item.Field(field) is [var first, ..] ? first : Missing;

    /// <summary>Checks that at least one gallery item carries the field, so a misspelt name fails instead of putting everything in one group.</summary>
    /// <exception cref="TestCollectionException">No item of the split has the field.</exception>
    public void Require(Dataset gallery)
    {
        if (gallery.HasField(field)) return;
        var known = gallery.Items.SelectMany(i => i.Extra.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        throw new TestCollectionException(gallery.MetadataPath ?? gallery.Root,
            $"no item of split '{gallery.Name}' has the breakdown field '{field}'; pass one of: id, path, title, labels, tags{string.Concat(known.Select(k => ", " + k))}.");
    }
}
