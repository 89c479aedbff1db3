namespace ResearchKit.Projection;

/// <summary>How distances between input vectors are measured when building neighbourhoods.</summary>
public enum ProjectionMetric
{
    /// <summary>1 - cosine similarity; the natural choice for L2-normalised embeddings.</summary>
    Cosine,

    /// <summary>Straight-line distance; for raw features that are not normalised.</summary>
    Euclidean,
}
