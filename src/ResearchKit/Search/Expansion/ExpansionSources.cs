namespace ResearchKit.Search.Expansion;

/// <summary>Where <see cref="VocabularyExpander"/> and <see cref="TextSpaceExpansion"/> look for replacements of an unknown query word.</summary>
[Flags]
public enum ExpansionSources
{
    /// <summary>No replacements: the query alone, through the prompt ensemble.</summary>
    None = 0,
    /// <summary>WordNet senses of the word, and the gallery words their relations and glosses reach.</summary>
    WordNet = 1,
    /// <summary>The gallery's labels and tags nearest to the word in the model's own text space.</summary>
    Neighbours = 2,
    All = WordNet | Neighbours,
}
