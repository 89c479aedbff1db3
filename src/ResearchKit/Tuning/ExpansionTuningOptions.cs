using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tuning;

/// <summary>How <see cref="ExpansionTuner"/> searches: cut-off, split, candidate prompt ensembles, where it starts and how long it looks.</summary>
public sealed record ExpansionTuningOptions
{
    /// <summary>Cut-off of hit@k, recall@k and nDCG@k (nDCG@k on the dev queries is what is maximised).</summary>
    public int K { get; init; } = 10;

    /// <summary>Share of queries held out for the report, chosen by a hash of their text.</summary>
    public double TestFraction { get; init; } = 0.5;

    /// <summary>Prompt ensembles tried; the bare term, emoji phrasings and photo phrasings by default.</summary>
    public IReadOnlyList<PromptTemplates> Ensembles { get; init; } = [PromptTemplates.Plain, PromptTemplates.Emoji, PromptTemplates.Default];

    /// <summary>The settings the search starts from.</summary>
    public QueryExpansionSettings Start { get; init; } = new();

    /// <summary>Rounds of coordinate ascent over every setting (each round tries each value of each setting in turn).</summary>
    public int Rounds { get; init; } = 1;

    /// <summary>Only the fusion, the query's weight and the prompt ensemble are searched: for a quick look (notebooks, tests).</summary>
    public bool Quick { get; init; }

    /// <summary>Seed of the bootstrap intervals.</summary>
    public int Seed { get; init; } = 17;
}
