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

    /// <summary>Re-ranking by a learned distance (triplet training) in the searched space; null keeps the cosine.</summary>
    public DistanceRerank? Distance { get; init; }

    /// <summary>Query expansion for text searches; null embeds the query as typed.</summary>
    public QueryExpansionSettings? Expansion { get; init; }
}
