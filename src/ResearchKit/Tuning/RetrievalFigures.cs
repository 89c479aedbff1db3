namespace ResearchKit.Tuning;

/// <summary>Mean hit@k, recall@k and nDCG@k of a set of queries under one setting, each with a 95% bootstrap interval.</summary>
public sealed record RetrievalFigures(MeanInterval Hit, MeanInterval Recall, MeanInterval Ndcg)
{
    /// <summary>The figures of per-query scores.</summary>
    public static RetrievalFigures Of(IReadOnlyList<QueryScore> scores, int seed = 17) => new(
        MeanInterval.Of([.. scores.Select(s => s.Hit)], seed),
        MeanInterval.Of([.. scores.Select(s => s.Recall)], seed),
        MeanInterval.Of([.. scores.Select(s => s.Ndcg)], seed));
}
