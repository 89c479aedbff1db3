namespace ResearchKit.Search.Expansion;

/// <summary>Which WordNet relations <see cref="QueryExpander"/> follows.</summary>
[Flags]
public enum ExpansionRelations
{
    None = 0,
    /// <summary>Other words of the same synset ("dog" → "domestic dog").</summary>
    Synonyms = 1,
    /// <summary>More general synsets ("dog" → "canine").</summary>
    Hypernyms = 2,
    /// <summary>More specific synsets ("dog" → "puppy").</summary>
    Hyponyms = 4,
    All = Synonyms | Hypernyms | Hyponyms,
}
