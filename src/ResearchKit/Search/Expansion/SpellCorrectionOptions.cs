namespace ResearchKit.Search.Expansion;

/// <summary>What <see cref="SpellCorrector"/> accepts as written, what it prefers, and how far it looks.</summary>
public sealed record SpellCorrectionOptions
{
    /// <summary>Words accepted as written (any case) though the dictionary lacks them, e.g. a dataset's tags. Multi-word entries count word by word.</summary>
    public IReadOnlyCollection<string> Whitelist { get; init; } = [];

    /// <summary>
    /// Words (e.g. dataset labels) that are accepted as written and, among equally close candidates, win over
    /// dictionary words; they are candidates even when the dictionary lacks them. Multi-word entries count word by word.
    /// </summary>
    public IReadOnlyCollection<string> PreferredVocabulary { get; init; } = [];

    /// <summary>Largest edit distance a correction may be (1 or 2).</summary>
    public int MaxDistance { get; init; } = 2;

    /// <summary>Words shorter than this are corrected at distance 1 only: two edits can turn a short word into almost any other.</summary>
    public int MinLengthForDistanceTwo { get; init; } = 5;
}
