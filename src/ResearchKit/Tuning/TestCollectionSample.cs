using ResearchKit.Datasets;
using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// A small, seeded slice of a test collection that keeps it answerable: queries are drawn at random and their relevant
/// items (and query images) go into the gallery while the item budget allows, then random other items fill it up
/// as distractors. Relevance is restricted to the gallery, and text queries the search engine refuses (no words, or only
/// stopwords, such as the emoji tag "!") are skipped. The same inputs give the same sample.
/// </summary>
/// <param name="Gallery">The sampled dataset, with a store of its own.</param>
/// <param name="Queries">The sampled queries, each with at least one relevant item in the gallery.</param>
public sealed record TestCollectionSample(Dataset Gallery, IReadOnlyList<TuningQuery> Queries)
{
    /// <summary>Draws a sample of at most <paramref name="maxItems"/> items and <paramref name="maxQueries"/> queries.</summary>
    /// <param name="dataset">The full dataset.</param>
    /// <param name="queries">Candidate queries (e.g. from <see cref="QueryFile.Read"/>).</param>
    /// <param name="maxItems">Gallery size; at least the items the chosen queries need.</param>
    /// <param name="maxQueries">Most queries kept.</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="storeDirectory">Store of the sample; by default <c>samples/nCOUNT-HASH</c> inside the dataset's store, named by a hash of the sampled ids.</param>
    public static TestCollectionSample Take(Dataset dataset, IReadOnlyList<TuningQuery> queries, int maxItems, int maxQueries, int seed = 1, string? storeDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueries, 0);
        var random = new Random(seed);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<TuningQuery>();
        foreach (var query in queries.OrderBy(q => q.Query.Key, StringComparer.Ordinal).OrderBy(_ => random.Next()))
        {
            if (kept.Count >= maxQueries) break;
            var relevant = query.Relevance.Where(p => p.Value > 0 && dataset.TryGet(p.Key, out _)).Select(p => p.Key).ToList();
            if (relevant.Count == 0 || !(query.Query is ItemQuery item ? dataset.TryGet(item.ItemId, out _) : Searchable(((TextQuery)query.Query).Text))) continue;
            var needed = relevant.Append((query.Query as ItemQuery)?.ItemId).OfType<string>().Where(id => !chosen.Contains(id)).Distinct().ToList();
            if (chosen.Count + needed.Count > maxItems) continue;
            chosen.UnionWith(needed);
            kept.Add(query with { Relevance = query.Relevance.Where(p => dataset.TryGet(p.Key, out _)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) });
        }
        foreach (var item in dataset.Items.OrderBy(_ => random.Next()))
        {
            if (chosen.Count >= maxItems) break;
            chosen.Add(item.Id);
        }
        // Named after the items it holds, so two samples share a store only when they index the same images.
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", chosen.Order(StringComparer.Ordinal)))))[..12];
        storeDirectory ??= Path.Combine(dataset.StoreDirectory, "samples", $"n{chosen.Count}-{key}");
        return new TestCollectionSample(dataset.Subset(chosen, storeDirectory), kept);
    }

    private static bool Searchable(string text)
    {
        try
        {
            Search.Expansion.QueryText.Validate(text);
            return true;
        }
        catch (Search.Expansion.InvalidQueryException)
        {
            return false;
        }
    }
}
