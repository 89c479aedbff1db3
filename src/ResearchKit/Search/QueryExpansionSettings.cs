using ResearchKit.Search.Expansion;

namespace ResearchKit.Search;

/// <summary>
/// How a text query is widened before it is embedded: optional spell correction against Hunspell, WordNet
/// terms (synonyms, hypernyms, hyponyms with weights), a prompt ensemble per term, and the fusion of the terms.
/// </summary>
public sealed record QueryExpansionSettings
{
    /// <summary>WordNet relations, depths and weights; <c>Relations = None</c> keeps only the query itself (prompt ensemble only).</summary>
    public ExpansionOptions WordNet { get; init; } = new();

    /// <summary>Prompt templates with <c>{}</c> for the term; null uses <see cref="PromptTemplates.Default"/>.</summary>
    public IReadOnlyList<string>? Templates { get; init; }

    /// <summary>Weighted mean of the term embeddings (one query vector) or max over terms of weight x score.</summary>
    public FusionMode Mode { get; init; } = FusionMode.WeightedMean;

    /// <summary>Correct misspelled query words (dataset labels and tags are preferred and never "corrected").</summary>
    public bool SpellCorrect { get; init; }

    /// <summary>Also add the dataset labels whose text embeddings are nearest to the query.</summary>
    public bool LabelNeighbours { get; init; }
}
