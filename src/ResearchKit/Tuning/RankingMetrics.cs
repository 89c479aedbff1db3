namespace ResearchKit.Tuning;

/// <summary>
/// Per-query ranking metrics. <c>ranked</c> is the result list best first; relevance is a map from item id to
/// gain (1 for relevant in binary judgments, graded values for nDCG); items absent from it have gain 0.
/// </summary>
public static class RankingMetrics
{
    /// <summary>Fraction of the relevant items found in the top <paramref name="k"/> (0 when nothing is relevant).</summary>
    public static double RecallAtK(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, double> relevance, int k)
    {
        var relevant = relevance.Count(p => p.Value > 0);
        return relevant == 0 ? 0 : (double)ranked.Take(k).Count(id => IsRelevant(relevance, id)) / relevant;
    }

    /// <summary>1 when some relevant item is in the top <paramref name="k"/>, else 0 (averaged over queries: the hit rate).</summary>
    public static double HitAtK(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, double> relevance, int k) =>
        ranked.Take(k).Any(id => IsRelevant(relevance, id)) ? 1 : 0;

    /// <summary>Fraction of the top <paramref name="k"/> positions holding a relevant item (missing positions count as misses).</summary>
    public static double PrecisionAtK(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, double> relevance, int k) =>
        k <= 0 ? 0 : (double)ranked.Take(k).Count(id => IsRelevant(relevance, id)) / k;

    /// <summary>Average precision: the mean of precision at each relevant item's rank, over all relevant items (found or not).</summary>
    public static double AveragePrecision(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, double> relevance)
    {
        var relevant = relevance.Count(p => p.Value > 0);
        if (relevant == 0) return 0;
        double hits = 0, sum = 0;
        for (var i = 0; i < ranked.Count; i++)
        {
            if (!IsRelevant(relevance, ranked[i])) continue;
            hits++;
            sum += hits / (i + 1);
        }
        return sum / relevant;
    }

    /// <summary>nDCG@k with gain (2^rel - 1) and discount log2(rank + 1); the ideal ranking sorts all judged gains.</summary>
    public static double NdcgAtK(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, double> relevance, int k)
    {
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
            dcg += Gain(relevance.GetValueOrDefault(ranked[i])) / Math.Log2(i + 2);
        var ideal = relevance.Values.Where(v => v > 0).OrderDescending().Take(k).Select((v, i) => Gain(v) / Math.Log2(i + 2)).Sum();
        return ideal == 0 ? 0 : dcg / ideal;
    }

    /// <summary>1 / rank of the first relevant item, 0 when none is ranked.</summary>
    public static double ReciprocalRank(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, double> relevance)
    {
        for (var i = 0; i < ranked.Count; i++)
            if (IsRelevant(relevance, ranked[i])) return 1.0 / (i + 1);
        return 0;
    }

    private static double Gain(double relevance) => Math.Pow(2, relevance) - 1;

    private static bool IsRelevant(IReadOnlyDictionary<string, double> relevance, string id) => relevance.TryGetValue(id, out var g) && g > 0;
}
