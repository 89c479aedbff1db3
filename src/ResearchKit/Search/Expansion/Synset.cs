namespace ResearchKit.Search.Expansion;

/// <summary>One WordNet synonym set: the words that share a sense, its pointers to related synsets, and its gloss.</summary>
/// <param name="PartOfSpeech">The data file the synset was read from.</param>
/// <param name="Offset">Its byte offset in that file, which is also its WordNet identifier.</param>
/// <param name="Words">Lemmas as WordNet spells them: underscores for spaces, original capitalisation.</param>
/// <param name="Pointers">Relations to other synsets, in file order.</param>
/// <param name="Gloss">Definition and example sentences.</param>
public sealed record Synset(
    PartOfSpeech PartOfSpeech,
    long Offset,
    IReadOnlyList<string> Words,
    IReadOnlyList<SynsetPointer> Pointers,
    string Gloss);
