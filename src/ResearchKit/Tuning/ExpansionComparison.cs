namespace ResearchKit.Tuning;

/// <summary>
/// Plain against expanded search on one set of generated queries: both settings' figures with bootstrap intervals, and
/// the paired bootstrap intervals of the gains (expanded minus plain).
/// </summary>
/// <param name="Set">"synonym", "hypernym", "phrase", "misspelling", "out-of-vocabulary", "oov+phrase" or "all".</param>
/// <param name="Queries">Queries in the set with at least one relevant item in the gallery.</param>
/// <param name="Plain">The query embedded as typed.</param>
/// <param name="Expanded">The query through the expansion settings.</param>
/// <param name="HitGain">Expanded minus plain hit@k.</param>
/// <param name="RecallGain">Expanded minus plain recall@k.</param>
/// <param name="NdcgGain">Expanded minus plain nDCG@k.</param>
public sealed record ExpansionComparison(string Set, int Queries, RetrievalFigures Plain, RetrievalFigures Expanded,
    BootstrapInterval HitGain, BootstrapInterval RecallGain, BootstrapInterval NdcgGain)
{
    /// <summary>Compares paired per-query scores (same queries, same order).</summary>
    public static ExpansionComparison Of(string set, IReadOnlyList<QueryScore> plain, IReadOnlyList<QueryScore> expanded, int seed = 17)
    {
        if (plain.Count != expanded.Count) throw new ArgumentException($"{plain.Count} plain scores but {expanded.Count} expanded; give one of each per query.");
        if (plain.Count == 0) throw new ArgumentException($"the set '{set}' has no queries to compare.");
        return new ExpansionComparison(set, plain.Count, RetrievalFigures.Of(plain, seed), RetrievalFigures.Of(expanded, seed),
            BootstrapInterval.ForDifference([.. plain.Select(s => s.Hit)], [.. expanded.Select(s => s.Hit)], seed: seed),
            BootstrapInterval.ForDifference([.. plain.Select(s => s.Recall)], [.. expanded.Select(s => s.Recall)], seed: seed),
            BootstrapInterval.ForDifference([.. plain.Select(s => s.Ndcg)], [.. expanded.Select(s => s.Ndcg)], seed: seed));
    }
}
