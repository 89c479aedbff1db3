namespace ResearchKit.Search;

/// <summary>Everything a search can be told; the defaults give plain exact top-10 in the first space.</summary>
public sealed record SearchOptions
{
    /// <summary>The space to search; null means the store's only (or first) space. Ignored when <see cref="Hybrid"/> is set.</summary>
    public string? Space { get; init; }

    /// <summary>A hybrid search over several spaces (weights, normalisation, depth); null searches one space.</summary>
    public HybridBlend? Hybrid { get; init; }

    /// <summary>Results returned.</summary>
    public int TopK { get; init; } = 10;

    /// <summary>Metadata conditions results must meet.</summary>
    public MetadataFilter? Filter { get; init; }

    /// <summary>Item ids never returned (e.g. the query item, or items already seen).</summary>
    public IReadOnlySet<string>? Exclude { get; init; }

    /// <summary>Crop re-ranking; null searches whole images only.</summary>
    public CropRerankOptions? Crops { get; init; }

    /// <summary>Score calibration; null uses the model's own (SigLIP) when it has one.</summary>
    public ScoreCalibration? Calibration { get; init; }

    /// <summary>Scan int8-quantised vectors and re-score the shortlist exactly (faster on large spaces).</summary>
    public bool Quantized { get; init; }

    /// <summary>
    /// Learned per-dimension distance weights (triplet training) for the searched space: the recalled candidates
    /// are re-ranked by 1 - d_w(q, x)^2 / 2, which equals the cosine when every weight is 1.
    /// </summary>
    public float[]? DistanceWeights { get; init; }

    /// <summary>Candidates recalled before re-ranking by <see cref="DistanceWeights"/> (crops use their own depth).</summary>
    public int RecallDepth { get; init; } = 50;

    /// <summary>Query expansion for text searches; null embeds the query as typed.</summary>
    public QueryExpansionSettings? Expansion { get; init; }
}
