namespace ResearchKit.Search.Expansion;

/// <summary>A relation from one synset to another, as in wndb(5WN): "@" hypernym, "~" hyponym, "@i"/"~i" instance forms, and so on.</summary>
/// <param name="Symbol">The wndb pointer symbol.</param>
/// <param name="TargetPartOfSpeech">The data file the target synset lives in.</param>
/// <param name="TargetOffset">Byte offset of the target synset in that data file.</param>
/// <param name="SourceWord">1-based word in the source synset for a lexical pointer, 0 for a semantic (whole-synset) one.</param>
/// <param name="TargetWord">1-based word in the target synset for a lexical pointer, 0 for a semantic one.</param>
public sealed record SynsetPointer(
    string Symbol,
    PartOfSpeech TargetPartOfSpeech,
    long TargetOffset,
    int SourceWord,
    int TargetWord);
