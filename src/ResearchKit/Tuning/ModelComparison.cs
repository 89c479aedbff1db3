using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// Compares embedding spaces (models) of one dataset on the same queries: recall@k and nDCG@k with bootstrap
/// confidence intervals, per-query wins and losses, and how much the models agree on each item's neighbours.
/// A space that cannot answer a query (DINOv2 has no text tower) is compared only on the queries it can answer.
/// </summary>
public static class ModelComparison
{
    /// <summary>Scores every space on the queries it can answer; cancelling stops it between two queries.</summary>
    public static ModelComparisonResult Compare(SearchEngine engine, IReadOnlyList<string> spaces, IReadOnlyList<TuningQuery> queries, int k = 10, int seed = 17,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (spaces.Count == 0) throw new ArgumentException("name at least one space to compare; the store has: " + string.Join(", ", engine.Spaces));
        var rankings = spaces.ToDictionary(s => s, s => queries.Select(q =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Rank(engine, s, q, k);
        }).ToArray());
        var summaries = spaces.Select(space =>
        {
            var answered = Enumerable.Range(0, queries.Count).Where(i => rankings[space][i] is not null).ToArray();
            var recall = answered.Select(i => RankingMetrics.RecallAtK(rankings[space][i]!, queries[i].Relevance, k)).ToArray();
            var ndcg = answered.Select(i => RankingMetrics.NdcgAtK(rankings[space][i]!, queries[i].Relevance, k)).ToArray();
            return new ModelScore(space, answered.Length, Interval(recall, seed), Interval(ndcg, seed));
        }).ToList();
        var perQuery = queries.Select((q, i) => new QueryOutcome(q.Query.Key, spaces
            .Where(s => rankings[s][i] is not null)
            .ToDictionary(s => s, s => RankingMetrics.NdcgAtK(rankings[s][i]!, q.Relevance, k)))).ToList();
        return new ModelComparisonResult(k, summaries, perQuery);
    }

    /// <summary>
    /// Mean share of each item's k nearest neighbours that two spaces have in common (1 = identical neighbourhoods),
    /// over the given items or all items.
    /// </summary>
    public static double NeighbourOverlap(SearchEngine engine, string first, string second, int k = 10, IReadOnlyList<string>? items = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var ids = items ?? engine.Items.Select(i => i.Id).ToList();
        if (ids.Count == 0) throw new ArgumentException("the dataset has no items to compare neighbourhoods on.");
        return ids.Average(id =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var a = engine.SearchSimilar(id, new SearchOptions { Target = new SingleSpace(first), TopK = k }).Results.Select(r => r.Id);
            var b = engine.SearchSimilar(id, new SearchOptions { Target = new SingleSpace(second), TopK = k }).Results.Select(r => r.Id);
            return a.Intersect(b).Count() / (double)k;
        });
    }

    private static IReadOnlyList<string>? Rank(SearchEngine engine, string space, TuningQuery query, int k)
    {
        var options = new SearchOptions { Target = new SingleSpace(space), TopK = k };
        if (!query.IsItemQuery && !engine.Model(space).HasTextTower) return null;
        var response = engine.Search(query.Query, options);
        return [.. response.Results.Select(r => r.Id)];
    }

    private static BootstrapInterval Interval(IReadOnlyList<double> values, int seed) => BootstrapInterval.ForMean(values, seed: seed);
}
