namespace ResearchKit.Search.Expansion;

/// <summary>How <see cref="QueryEmbeddingFusion"/> combines the vectors of an expanded query's terms.</summary>
public enum FusionMode
{
    /// <summary>One query vector: the weight-averaged unit term vectors, renormalised to unit length.</summary>
    WeightedMean,

    /// <summary>One vector per term; an item scores max over terms of (term weight × cosine to that term).</summary>
    MaxScore,
}
