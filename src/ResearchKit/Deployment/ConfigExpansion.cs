using ResearchKit.Search.Expansion;

namespace ResearchKit.Deployment;

/// <summary>
/// Query expansion settings as exported: where replacements for unknown words come from and how they weigh (the fields
/// of <see cref="VocabularyExpansionOptions"/>), the prompt templates, the fusion ("mean", "max" or "zmax"), spelling,
/// and the gate measured for this model and gallery. A field a config leaves out takes the library default.
/// </summary>
public sealed record ConfigExpansion
{
    private static readonly VocabularyExpansionOptions Defaults = new();

    /// <summary>"All", "WordNet", "Neighbours" or "None" (the query alone, through the templates).</summary>
    public string Sources { get; init; } = Defaults.Sources.ToString();
    public float QueryWeight { get; init; } = Defaults.QueryWeight;
    public float SynonymWeight { get; init; } = Defaults.SynonymWeight;
    public float HypernymWeight { get; init; } = Defaults.HypernymWeight;
    public float HyponymWeight { get; init; } = Defaults.HyponymWeight;
    public float RelatedWeight { get; init; } = Defaults.RelatedWeight;
    public float GlossWeight { get; init; } = Defaults.GlossWeight;
    public float StepDecay { get; init; } = Defaults.StepDecay;
    public int HypernymDepth { get; init; } = Defaults.HypernymDepth;
    public int HyponymDepth { get; init; } = Defaults.HyponymDepth;
    public int MaxSenses { get; init; } = Defaults.MaxSenses;
    public float SenseDecay { get; init; } = Defaults.SenseDecay;
    public float NonNounWeight { get; init; } = Defaults.NonNounWeight;
    public float SenseKeepRatio { get; init; } = Defaults.SenseKeepRatio;
    public float PhraseWeight { get; init; } = Defaults.PhraseWeight;
    public float AgreementWeight { get; init; } = Defaults.AgreementWeight;
    public int NeighbourCount { get; init; } = Defaults.NeighbourCount;
    public float NeighbourMinSimilarity { get; init; } = Defaults.NeighbourMinSimilarity;
    public float NeighbourWeight { get; init; } = Defaults.NeighbourWeight;
    public int EntriesPerTerm { get; init; } = Defaults.EntriesPerTerm;
    public float EntryWeight { get; init; } = Defaults.EntryWeight;
    public int MaxCandidates { get; init; } = Defaults.MaxCandidates;
    public int MaxTerms { get; init; } = Defaults.MaxTerms;
    public int MaxUnknownWords { get; init; } = Defaults.MaxUnknownWords;
    public int MaxQueryWords { get; init; } = Defaults.MaxQueryWords;

    /// <summary>Prompt templates with "{}"; null embeds each term as typed.</summary>
    public IReadOnlyList<string>? Templates { get; init; }

    /// <summary>"mean", "max" or "zmax" (max over terms standardised against the gallery).</summary>
    public string Fusion { get; init; } = "zmax";
    public bool SpellCorrect { get; init; }

    /// <summary>The measured decision; when closed, the service searches queries as typed and says so.</summary>
    public ConfigExpansionGate? Gate { get; init; }

    /// <summary>Read from 1.0 configs only: "None" there meant the prompt ensemble alone (now <see cref="Sources"/> "None").</summary>
    public string? Relations { get; init; }
}
