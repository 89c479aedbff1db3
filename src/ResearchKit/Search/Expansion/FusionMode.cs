namespace ResearchKit.Search.Expansion;

/// <summary>How <see cref="QueryEmbeddingFusion"/> and the search engine combine the vectors of an expanded query's terms.</summary>
public enum FusionMode
{
    /// <summary>One query vector: the weight-averaged unit term vectors, renormalised to unit length.</summary>
    WeightedMean,

    /// <summary>One vector per term; an item scores max over terms of (term weight × cosine to that term).</summary>
    MaxScore,

    /// <summary>
    /// One vector per term; each term's cosines are first standardised against the gallery (minus their mean, over
    /// their spread), so a term whose cosines run high everywhere cannot drown the others; an item scores max over terms
    /// of (term weight × standardised cosine), reported in the cosine units of the first term.
    /// </summary>
    MaxStandardized,
}
