namespace ResearchKit.Search.Expansion;

/// <summary>How <see cref="QueryEmbeddingFusion"/> turns weighted terms into query vectors.</summary>
public sealed record FusionOptions
{
    /// <summary>Prompts each term is embedded through; their embeddings are averaged per term.</summary>
    public PromptTemplates Templates { get; init; } = PromptTemplates.Default;

    /// <summary>One mean vector or per-term vectors with max-score fusion.</summary>
    public FusionMode Mode { get; init; } = FusionMode.WeightedMean;

    /// <summary>Optional candidate texts for nearest-neighbour expansion; null turns it off.</summary>
    public TextVocabulary? Vocabulary { get; init; }

    /// <summary>Most vocabulary texts added per query.</summary>
    public int NeighbourCount { get; init; } = 3;

    /// <summary>Least cosine similarity to the query vector a vocabulary text needs to be added.</summary>
    public float NeighbourMinSimilarity { get; init; } = 0.8f;

    /// <summary>Weight of each added vocabulary text.</summary>
    public float NeighbourWeight { get; init; } = 0.4f;
}
