namespace ResearchKit.Search.Expansion;

/// <summary>The four WordNet syntactic categories, each stored in its own index.* and data.* file pair.</summary>
public enum PartOfSpeech
{
    Noun,
    Verb,
    Adjective,
    Adverb,
}
