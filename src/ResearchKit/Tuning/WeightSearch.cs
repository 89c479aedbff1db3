using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tuning;

/// <summary>
/// Grid search over search settings (crop weights, crop grid, recall depth, hybrid weights, expansion weights),
/// maximising mean nDCG@k on training queries. Held-out queries are scored for the report but never used to choose.
/// </summary>
public static class WeightSearch
{
    /// <summary>
    /// Scores every candidate and picks the best on <paramref name="train"/>; the first candidate is the baseline.
    /// Cancelling stops it between two queries.
    /// </summary>
    public static WeightSearchResult Run(SearchEngine engine, IReadOnlyList<TuningQuery> train, IReadOnlyList<TuningQuery> heldOut,
        IReadOnlyList<WeightCandidate> candidates, int k = 10, CancellationToken cancellationToken = default)
    {
        if (candidates.Count == 0) throw new ArgumentException("the weight grid is empty; give at least one candidate setting.");
        if (train.Count == 0) throw new ArgumentException("no training queries: judge relevance for some queries (or generate synthetic judgments) first.");
        var scores = new List<WeightScore>();
        var heldOutPerQuery = new List<double[]>();
        foreach (var candidate in candidates)
        {
            var trainScores = PerQueryNdcg(engine, train, candidate.Options, k, cancellationToken);
            var heldScores = PerQueryNdcg(engine, heldOut, candidate.Options, k, cancellationToken);
            scores.Add(new WeightScore(candidate, trainScores.DefaultIfEmpty().Average(), heldScores.DefaultIfEmpty().Average()));
            heldOutPerQuery.Add(heldScores);
        }
        var bestIndex = 0;
        for (var i = 1; i < scores.Count; i++) if (scores[i].Train > scores[bestIndex].Train) bestIndex = i;
        var interval = heldOut.Count > 0 ? BootstrapInterval.ForDifference(heldOutPerQuery[0], heldOutPerQuery[bestIndex]) : null;
        return new WeightSearchResult(scores[bestIndex], scores, interval);
    }

    /// <summary>nDCG@k of each query under <paramref name="options"/>.</summary>
    public static double[] PerQueryNdcg(SearchEngine engine, IReadOnlyList<TuningQuery> queries, SearchOptions options, int k, CancellationToken cancellationToken = default)
    {
        var run = options with { TopK = k };
        return [.. queries.Select(q =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = engine.Search(q.Query, run);
            return RankingMetrics.NdcgAtK([.. response.Results.Select(r => r.Id)], q.Relevance, k);
        })];
    }

    /// <summary>Crop re-ranking grid: no crops (the baseline), then every local weight x crop grid x recall depth.</summary>
    /// <exception cref="ArgumentException">The baseline blends several spaces (crops re-rank within one).</exception>
    public static IReadOnlyList<WeightCandidate> CropGrid(SearchOptions baseline, IReadOnlyList<double> localWeights, IReadOnlyList<int> grids, IReadOnlyList<int> recallDepths)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var single = baseline.Target as SingleSpace
            ?? throw new ArgumentException("crop re-ranking works within one space; give a single-space baseline, not a hybrid blend.", nameof(baseline));
        var list = new List<WeightCandidate> { new("no crops", new Dictionary<string, double> { ["local"] = 0 }, baseline with { Target = single with { Crops = null } }) };
        foreach (var depth in recallDepths)
            foreach (var grid in grids)
                foreach (var local in localWeights)
                    list.Add(new WeightCandidate(FormattableString.Invariant($"crops grid {grid}, local {local:0.##}, recall {depth}"),
                        new Dictionary<string, double> { ["local"] = local, ["grid"] = grid, ["recall"] = depth },
                        baseline with { Target = single with { Crops = new CropRerankOptions(depth, new CropLayout(grid), 1 - local, local) } }));
        return list;
    }

    /// <summary>
    /// Hybrid grid over two spaces: weight w for the first and 1 - w for the second (w = 1 first, the single-space
    /// baseline, the baseline's re-rankers kept), each blend normalised by <paramref name="normalization"/> (a blend has no re-rankers).
    /// </summary>
    public static IReadOnlyList<WeightCandidate> HybridGrid(SearchOptions baseline, string first, string second, IReadOnlyList<double> firstWeights,
        ScoreNormalization normalization = ScoreNormalization.ZScore) =>
        [.. firstWeights.OrderByDescending(w => w).Select(w => new WeightCandidate(
            FormattableString.Invariant($"{first} {w:0.##} / {second} {1 - w:0.##}"),
            new Dictionary<string, double> { [first] = w, [second] = 1 - w },
            w >= 1 ? baseline with { Target = baseline.Target is SingleSpace single ? single with { Space = first } : new SingleSpace(first) }
                : baseline with { Target = new HybridBlend([new SpaceWeight(first, w), new SpaceWeight(second, 1 - w)]) { Normalization = normalization } }))];

    /// <summary>
    /// Expansion grid: no expansion (the baseline), then <paramref name="settings"/> (default settings when null) under
    /// each fusion mode × weight of the query as typed. <see cref="ExpansionTuner"/> searches more settings.
    /// </summary>
    public static IReadOnlyList<WeightCandidate> ExpansionGrid(SearchOptions baseline, IReadOnlyList<FusionMode> modes, IReadOnlyList<float> queryWeights, QueryExpansionSettings? settings = null)
    {
        settings ??= new QueryExpansionSettings();
        var list = new List<WeightCandidate> { new("no expansion", new Dictionary<string, double> { ["query"] = 0 }, baseline with { Expansion = null }) };
        foreach (var mode in modes)
            foreach (var weight in queryWeights)
                list.Add(new WeightCandidate(FormattableString.Invariant($"{Deployment.SearchConfigMapping.FusionName(mode)}, query weight {weight:0.##}"),
                    new Dictionary<string, double> { ["mode"] = (int)mode, ["query"] = weight },
                    baseline with { Expansion = settings with { Mode = mode, Terms = settings.Terms with { QueryWeight = weight } } }));
        return list;
    }
}
