namespace ResearchKit.Search.Expansion;

/// <summary>
/// How <see cref="VocabularyExpander"/> and <see cref="TextSpaceExpansion"/> replace the query words a gallery's
/// vocabulary lacks. A candidate reached through WordNet weighs
/// <c>RelationWeight × StepDecay^(steps−1) × SenseDecay^(sense−1)</c> (times <see cref="NonNounWeight"/> for a sense that
/// is not a noun), times <see cref="PhraseWeight"/> when it is a
/// phrase of gallery words rather than a whole label or tag, times <c>exp(AgreementWeight × (cos − 1))</c> where cos is
/// the model's text-space similarity of the replaced query to the query as typed.
/// </summary>
public sealed record VocabularyExpansionOptions
{
    /// <summary>Where replacements come from; <see cref="ExpansionSources.None"/> keeps the query alone.</summary>
    public ExpansionSources Sources { get; init; } = ExpansionSources.All;

    /// <summary>Weight of the query as typed when it has unknown words that were replaced (1 when nothing was).</summary>
    public float QueryWeight { get; init; } = 0.5f;

    /// <summary>Weight of another word of the same WordNet sense.</summary>
    public float SynonymWeight { get; init; } = 1.0f;

    /// <summary>Weight of a more general word, one step up.</summary>
    public float HypernymWeight { get; init; } = 0.8f;

    /// <summary>Weight of a more specific word, one step down.</summary>
    public float HyponymWeight { get; init; } = 0.8f;

    /// <summary>Weight of a derivationally related form, similar adjective, pertainym or "see also" word.</summary>
    public float RelatedWeight { get; init; } = 0.7f;

    /// <summary>Weight of a gallery word in the sense's definition (its gloss).</summary>
    public float GlossWeight { get; init; } = 0.5f;

    /// <summary>Factor per extra hypernym or hyponym step.</summary>
    public float StepDecay { get; init; } = 0.7f;

    /// <summary>How many hypernym steps to climb.</summary>
    public int HypernymDepth { get; init; } = 2;

    /// <summary>How many hyponym steps to descend.</summary>
    public int HyponymDepth { get; init; } = 2;

    /// <summary>Senses per part of speech that are considered, most frequent first.</summary>
    public int MaxSenses { get; init; } = 8;

    /// <summary>Factor per sense rank (sense 2 weighs SenseDecay, sense 3 SenseDecay², ...).</summary>
    public float SenseDecay { get; init; } = 0.85f;

    /// <summary>
    /// Factor for adjective, verb and adverb senses against noun senses: image queries mostly name things, so "pooch"
    /// should mean the dog before the pursed lips.
    /// </summary>
    public float NonNounWeight { get; init; } = 0.6f;

    /// <summary>
    /// A sense is kept when its evidence (the summed weights of the gallery terms it reaches) is at least this share of
    /// the best sense's; 1 keeps only the best-supported sense.
    /// </summary>
    public float SenseKeepRatio { get; init; } = 0.5f;

    /// <summary>Factor for a candidate that is a phrase of gallery words but not itself a label or tag.</summary>
    public float PhraseWeight { get; init; } = 0.7f;

    /// <summary>Strength of the model's text-space agreement; 0 ignores it.</summary>
    public float AgreementWeight { get; init; }

    /// <summary>Gallery labels and tags nearest to an unknown word in the model's text space that join as candidates.</summary>
    public int NeighbourCount { get; init; } = 2;

    /// <summary>Least cosine similarity a text-space neighbour needs.</summary>
    public float NeighbourMinSimilarity { get; init; } = 0.7f;

    /// <summary>Weight of a text-space neighbour, times its similarity.</summary>
    public float NeighbourWeight { get; init; } = 0.5f;

    /// <summary>Labels and tags containing a candidate word that join it ("bellhop" brings "bellhop bell"), shortest first.</summary>
    public int EntriesPerTerm { get; init; } = 1;

    /// <summary>Factor on such a containing label or tag, relative to the word's own weight.</summary>
    public float EntryWeight { get; init; } = 0.9f;

    /// <summary>Candidates kept per unknown word, heaviest first.</summary>
    public int MaxCandidates { get; init; } = 6;

    /// <summary>Most terms in all, the query included.</summary>
    public int MaxTerms { get; init; } = 12;

    /// <summary>Unknown words expanded per query (the first ones); the rest stay as typed.</summary>
    public int MaxUnknownWords { get; init; } = 4;

    /// <summary>Query words looked at; a longer query is searched as typed beyond them.</summary>
    public int MaxQueryWords { get; init; } = 32;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public VocabularyExpansionOptions Validate()
    {
        foreach (var (name, value) in new[] { (nameof(QueryWeight), QueryWeight), (nameof(SynonymWeight), SynonymWeight),
                     (nameof(HypernymWeight), HypernymWeight), (nameof(HyponymWeight), HyponymWeight), (nameof(RelatedWeight), RelatedWeight),
                     (nameof(GlossWeight), GlossWeight), (nameof(StepDecay), StepDecay), (nameof(SenseDecay), SenseDecay), (nameof(NonNounWeight), NonNounWeight),
                     (nameof(PhraseWeight), PhraseWeight), (nameof(NeighbourWeight), NeighbourWeight), (nameof(EntryWeight), EntryWeight) })
        {
            if (!(value >= 0f) || float.IsInfinity(value)) throw new ArgumentOutOfRangeException(name, value, "must be a finite number >= 0");
        }
        if (!(QueryWeight > 0f)) throw new ArgumentOutOfRangeException(nameof(QueryWeight), QueryWeight, "must be > 0: the query itself is always a term");
        if (!(AgreementWeight >= 0f) || float.IsInfinity(AgreementWeight)) throw new ArgumentOutOfRangeException(nameof(AgreementWeight), AgreementWeight, "must be a finite number >= 0");
        if (!(SenseKeepRatio is >= 0f and <= 1f)) throw new ArgumentOutOfRangeException(nameof(SenseKeepRatio), SenseKeepRatio, "must lie in [0, 1]");
        if (!(NeighbourMinSimilarity is >= -1f and <= 1f)) throw new ArgumentOutOfRangeException(nameof(NeighbourMinSimilarity), NeighbourMinSimilarity, "must lie in [-1, 1]");
        foreach (var (name, value, least) in new[] { (nameof(HypernymDepth), HypernymDepth, 0), (nameof(HyponymDepth), HyponymDepth, 0),
                     (nameof(MaxSenses), MaxSenses, 1), (nameof(NeighbourCount), NeighbourCount, 0), (nameof(EntriesPerTerm), EntriesPerTerm, 0), (nameof(MaxCandidates), MaxCandidates, 1),
                     (nameof(MaxTerms), MaxTerms, 1), (nameof(MaxUnknownWords), MaxUnknownWords, 0), (nameof(MaxQueryWords), MaxQueryWords, 1) })
        {
            if (value < least) throw new ArgumentOutOfRangeException(name, value, $"must be at least {least}");
        }
        return this;
    }
}
