using ResearchKit.Datasets;
using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// "More like this" queries judged by metadata: for a seeded sample of items, every other item with the same value
/// of a field (such as an emoji's subgroup) is relevant. They let image-only models, which cannot answer text
/// queries, be compared with the others.
/// </summary>
public static class ItemQueries
{
    /// <summary>Up to <paramref name="count"/> queries <c>id:ITEM</c>; items whose field value no other item shares are skipped.</summary>
    public static IReadOnlyList<TuningQuery> SharingField(IReadOnlyList<DatasetItem> items, string field, int count, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        var groups = items.Where(i => i.Field(field).Count > 0)
            .GroupBy(i => i.Field(field)[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Id).ToList(), StringComparer.OrdinalIgnoreCase);
        var random = new Random(seed);
        var queries = new List<TuningQuery>();
        foreach (var item in items.OrderBy(_ => random.Next()))
        {
            if (queries.Count >= count) break;
            if (item.Field(field).Count == 0) continue;
            var others = groups[item.Field(field)[0]].Where(id => id != item.Id).ToList();
            if (others.Count == 0) continue;
            queries.Add(new TuningQuery(new ItemQuery(item.Id), others.ToDictionary(id => id, _ => 1.0, StringComparer.Ordinal)));
        }
        return queries;
    }
}
