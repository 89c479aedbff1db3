namespace ResearchKit.Tuning;

/// <summary>The kinds of query <see cref="ExpansionQueryGenerator"/> makes from a training split's metadata.</summary>
public enum ExpansionQueryKind
{
    /// <summary>A WordNet synonym of a label word that no label or tag uses ("pooch"-like words).</summary>
    Synonym,
    /// <summary>A WordNet hypernym of a label word that no label or tag uses ("canine" for dog, wolf, fox).</summary>
    Hypernym,
    /// <summary>A short descriptive phrase of an item's tags ("cheerful grin").</summary>
    Phrase,
    /// <summary>A label with one word misspelled by one edit ("grinning fcae").</summary>
    Misspelling,
}
