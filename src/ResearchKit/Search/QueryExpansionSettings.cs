using ResearchKit.Search.Expansion;

namespace ResearchKit.Search;

/// <summary>
/// How a text query is widened before it is embedded: optional spell correction against Hunspell and the gallery's
/// words, replacements for the words the gallery's vocabulary lacks (<see cref="VocabularyExpander"/>), a prompt
/// ensemble per term, and the fusion of the terms. Words the vocabulary has are never expanded.
/// </summary>
public sealed record QueryExpansionSettings
{
    /// <summary>Where replacements come from and how they weigh; <c>Sources = None</c> keeps the query alone (prompt ensemble only).</summary>
    public VocabularyExpansionOptions Terms { get; init; } = new();

    /// <summary>Prompt templates with <c>{}</c> for the term; null embeds each term as typed (the bare "{}").</summary>
    public IReadOnlyList<string>? Templates { get; init; }

    /// <summary>How the terms combine; <see cref="FusionMode.MaxStandardized"/> keeps a rare term from being drowned by a common one.</summary>
    public FusionMode Mode { get; init; } = FusionMode.MaxStandardized;

    /// <summary>Correct misspelled query words (dataset labels and tags are preferred and never "corrected").</summary>
    public bool SpellCorrect { get; init; }

    /// <summary>
    /// The measured decision for this model and gallery (<c>researchkit tune expansion</c>); when it is closed the
    /// query is searched as typed (spelling aside) and the notes say why. Null: not measured.
    /// </summary>
    public ExpansionGate? Gate { get; init; }

    /// <summary>The prompt ensemble <see cref="Templates"/> describes.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PromptTemplates Ensemble => Templates is { } t ? new PromptTemplates(t) : PromptTemplates.Plain;
}
