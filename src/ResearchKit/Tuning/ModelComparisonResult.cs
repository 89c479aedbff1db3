namespace ResearchKit.Tuning;

/// <summary>The outcome of <see cref="ModelComparison.Compare"/>: a summary per space and each query's nDCG per space.</summary>
public sealed record ModelComparisonResult(int K, IReadOnlyList<ModelScore> Models, IReadOnlyList<QueryOutcome> Queries)
{
    /// <summary>Queries where <paramref name="space"/> beats <paramref name="other"/> (positive margin) or loses, largest margins first.</summary>
    public IReadOnlyList<(string Query, double Margin)> WinsAndLosses(string space, string other) =>
        [.. Queries.Where(q => q.NdcgBySpace.ContainsKey(space) && q.NdcgBySpace.ContainsKey(other))
            .Select(q => (q.Query, Margin: q.NdcgBySpace[space] - q.NdcgBySpace[other]))
            .Where(p => p.Margin != 0)
            .OrderByDescending(p => Math.Abs(p.Margin))];
}
