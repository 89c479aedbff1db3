namespace ResearchKit.Tuning;

/// <summary>One query's nDCG@k in each space that could answer it.</summary>
public sealed record QueryOutcome(string Query, IReadOnlyDictionary<string, double> NdcgBySpace);
