namespace ResearchKit.Search;

/// <summary>How each space's scores are put on a common scale before a hybrid blend.</summary>
public enum ScoreNormalization
{
    /// <summary>Raw cosine similarities (only sensible for spaces with similar score ranges).</summary>
    None,

    /// <summary>(score - mean) / standard deviation over the candidates the space scored.</summary>
    ZScore,

    /// <summary>(n - rank) / n over the candidates the space scored: 1 for the best, 1/n for the worst.</summary>
    Rank,
}
