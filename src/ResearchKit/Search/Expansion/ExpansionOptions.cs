namespace ResearchKit.Search.Expansion;

/// <summary>
/// What <see cref="QueryExpander"/> adds to a query and how much each addition weighs. A term found
/// <c>d</c> steps away weighs <c>RelationWeight × DepthDecay^(d−1)</c>.
/// </summary>
public sealed record ExpansionOptions
{
    /// <summary>Relations to follow; default all three.</summary>
    public ExpansionRelations Relations { get; init; } = ExpansionRelations.All;

    /// <summary>How many hypernym steps to climb (1 = direct parents only).</summary>
    public int HypernymDepth { get; init; } = 1;

    /// <summary>How many hyponym steps to descend (1 = direct children only).</summary>
    public int HyponymDepth { get; init; } = 1;

    /// <summary>Senses of each word to expand, most frequent first; 1 keeps only the dominant sense.</summary>
    public int MaxSenses { get; init; } = 1;

    /// <summary>Weight of the query as typed.</summary>
    public float QueryWeight { get; init; } = 1.0f;

    public float SynonymWeight { get; init; } = 0.8f;

    public float HypernymWeight { get; init; } = 0.5f;

    public float HyponymWeight { get; init; } = 0.6f;

    /// <summary>Factor applied per extra step of hypernym or hyponym depth.</summary>
    public float DepthDecay { get; init; } = 0.5f;

    /// <summary>Most terms returned, the query included; the heaviest are kept.</summary>
    public int MaxTerms { get; init; } = 12;

    /// <summary>
    /// When false (the default), a word that WordNet lists as an adjective and that is followed by another content
    /// word ("red" in "red car") is kept as typed: expanding it through its first, noun, sense gives "redness car".
    /// </summary>
    public bool ExpandModifiers { get; init; }

    /// <summary>Parts of speech tried in order; a word is expanded in the first one WordNet knows it in.</summary>
    public IReadOnlyList<PartOfSpeech> PartsOfSpeech { get; init; } =
        [PartOfSpeech.Noun, PartOfSpeech.Verb, PartOfSpeech.Adjective, PartOfSpeech.Adverb];

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(HypernymDepth, nameof(HypernymDepth));
        ArgumentOutOfRangeException.ThrowIfNegative(HyponymDepth, nameof(HyponymDepth));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSenses, 1, nameof(MaxSenses));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTerms, 1, nameof(MaxTerms));
        foreach (var (name, weight) in new[] { (nameof(QueryWeight), QueryWeight), (nameof(SynonymWeight), SynonymWeight),
                     (nameof(HypernymWeight), HypernymWeight), (nameof(HyponymWeight), HyponymWeight), (nameof(DepthDecay), DepthDecay) })
        {
            if (!(weight > 0f) || float.IsInfinity(weight))
                throw new ArgumentOutOfRangeException(name, weight, "must be a positive finite number");
        }
    }
}
