namespace ResearchKit.Search.Expansion;

/// <summary>Two sets of embeddings that must come from the same model have different lengths.</summary>
public sealed class EmbeddingDimensionException : ResearchKitException
{
    public EmbeddingDimensionException(string what, int expected, int actual)
        : base($"{what} has {actual} dimensions but the query embeddings have {expected}. " +
               "Embed queries, vocabulary and images with the same model.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Length of the query embeddings.</summary>
    public int Expected { get; }

    /// <summary>Length of the mismatched embedding.</summary>
    public int Actual { get; }
}
