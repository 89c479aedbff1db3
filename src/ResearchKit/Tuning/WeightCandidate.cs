using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>One point of a weight grid: a readable name, its coordinates (for a heatmap) and the search options it stands for.</summary>
public sealed record WeightCandidate(string Name, IReadOnlyDictionary<string, double> Coordinates, SearchOptions Options);

/// <summary>How one candidate scored: mean nDCG@k on the training queries (used to choose) and on the held-out ones (only reported).</summary>
public sealed record WeightScore(WeightCandidate Candidate, double Train, double HeldOut);

/// <summary>The outcome of a weight search: the best candidate on training queries and every candidate's scores.</summary>
/// <param name="Best">The chosen candidate (highest training nDCG; earlier candidates win ties).</param>
/// <param name="Grid">Every candidate's training and held-out nDCG, in grid order.</param>
/// <param name="VersusBaseline">Paired bootstrap interval of held-out per-query nDCG, best minus the first (baseline) candidate.</param>
public sealed record WeightSearchResult(WeightScore Best, IReadOnlyList<WeightScore> Grid, BootstrapInterval? VersusBaseline);
