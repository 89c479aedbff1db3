namespace ResearchKit.Search;

/// <summary>
/// Everything a search can be told, in parts that are each checked where they are built; the defaults
/// (<c>new SearchOptions()</c>) give plain exact top-10 in the store's only space.
/// </summary>
public sealed record SearchOptions
{
    private readonly SearchTarget _target = new SingleSpace();
    private readonly int _topK = 10;

    /// <summary>
    /// What is ranked: one space with its optional re-rankers (<see cref="SingleSpace"/>, or just its name) or a
    /// <see cref="HybridBlend"/> of several; null means the store's only space.
    /// </summary>
    public SearchTarget Target
    {
        get => _target;
        init => _target = value ?? new SingleSpace();
    }

    /// <summary>Results returned, at least 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1.</exception>
    public int TopK
    {
        get => _topK;
        init => _topK = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(TopK), value, "a search returns at least 1 result; ask for top k >= 1.");
    }

    /// <summary>Metadata conditions results must meet.</summary>
    public MetadataFilter? Filter { get; init; }

    /// <summary>Item ids never returned (e.g. the query item, or items already seen).</summary>
    public IReadOnlySet<string>? Exclude { get; init; }

    /// <summary>Score calibration; null uses the model's own (SigLIP) when one space is searched and its model has one.</summary>
    public ScoreCalibration? Calibration { get; init; }

    /// <summary>Scan int8-quantised vectors and re-score the shortlist exactly (faster on large spaces).</summary>
    public bool Quantized { get; init; }

    /// <summary>Query expansion for text searches; null embeds the query as typed.</summary>
    public QueryExpansionSettings? Expansion { get; init; }
}
