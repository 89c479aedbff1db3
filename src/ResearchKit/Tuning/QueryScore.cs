namespace ResearchKit.Tuning;

/// <summary>One query's hit@k (0 or 1), recall@k and nDCG@k under one search setting.</summary>
public sealed record QueryScore(double Hit, double Recall, double Ndcg)
{
    /// <summary>The three metrics of a ranking (best first) against binary or graded relevance.</summary>
    public static QueryScore Of(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, double> relevance, int k) =>
        new(RankingMetrics.HitAtK(ranked, relevance, k), RankingMetrics.RecallAtK(ranked, relevance, k), RankingMetrics.NdcgAtK(ranked, relevance, k));
}
