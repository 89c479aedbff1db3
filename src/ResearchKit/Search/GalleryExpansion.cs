using System.Collections.Concurrent;
using ResearchKit.Embeddings;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Search;

/// <summary>
/// Query expansion against one gallery, as the search engine runs it: spelling, the gate, the vocabulary plan
/// (<see cref="VocabularyExpander"/>), and per space the text-space step (<see cref="TextSpaceExpansion"/>) and the
/// fusion into <see cref="QueryVectors"/>. Bad input (empty, stopword-only, very long or foreign queries) never throws
/// here: the query is searched as typed and the notes say why. Thread-safe; embedded vocabularies are kept per space
/// and prompt ensemble.
/// </summary>
public sealed class GalleryExpansion
{
    private readonly Lazy<WordNetDatabase> _wordNet;
    private readonly Lazy<SpellCorrector> _speller;
    private readonly ConcurrentDictionary<string, Task<TextVocabulary>> _embedded = new(StringComparer.Ordinal);

    // Spelling and planning depend only on the text and the vocabulary-side options, and repeat across searches
    // (and across every setting a tuner tries); both are bounded so a long-running service cannot grow them forever.
    private const int MemoLimit = 50_000;
    private readonly ConcurrentDictionary<string, SpellCorrection> _corrections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, VocabularyExpansionOptions), ExpansionPlan> _plans = new();

    /// <param name="vocabulary">The gallery's labels, tags and titles.</param>
    /// <param name="wordNet">Opens WordNet on first use.</param>
    /// <param name="speller">Opens the spell corrector on first use (only when spelling is asked for).</param>
    public GalleryExpansion(GalleryVocabulary vocabulary, Func<WordNetDatabase> wordNet, Func<SpellCorrector> speller)
    {
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        _wordNet = new(wordNet ?? throw new ArgumentNullException(nameof(wordNet)));
        _speller = new(speller ?? throw new ArgumentNullException(nameof(speller)));
    }

    /// <summary>The gallery's vocabulary.</summary>
    public GalleryVocabulary Vocabulary { get; }

    /// <summary>
    /// The text to search after spelling, and the plan for it: a pass-through plan when the gate is closed, the sources
    /// are off or the query has nothing to expand. <paramref name="notes"/> receives what was done and why.
    /// </summary>
    public (string Query, ExpansionPlan Plan) Plan(string query, QueryExpansionSettings settings, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(notes);
        query ??= "";
        if (settings.SpellCorrect && query.Trim().Length > 0 && Remember(_corrections, query, q => _speller.Value.Correct(q)) is { Changed: true } corrected)
        {
            notes.Add($"spelling: searched for \"{corrected.Corrected}\" instead of \"{query}\".");
            query = corrected.Corrected;
        }
        var text = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (settings.Gate is { Open: false } gate)
        {
            notes.Add(gate.Note);
            return (text, new ExpansionPlan(text, [], []));
        }
        if (settings.Terms.Sources == ExpansionSources.None) return (text, new ExpansionPlan(text, [], []));
        // Settings that only act later (in the text space or the fusion) do not change the plan.
        var key = settings.Terms with { QueryWeight = 1, NeighbourCount = 0, NeighbourMinSimilarity = 0, NeighbourWeight = 0, AgreementWeight = 0, MaxTerms = 1 };
        return (text, Remember(_plans, (text, key), _ => new VocabularyExpander(_wordNet.Value, Vocabulary, settings.Terms).Plan(text)));
    }

    private static TValue Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> memo, TKey key, Func<TKey, TValue> compute) where TKey : notnull
    {
        if (memo.TryGetValue(key, out var known)) return known;
        if (memo.Count >= MemoLimit) memo.Clear();
        return memo.GetOrAdd(key, compute);
    }

    /// <summary>
    /// The query vectors of <paramref name="plan"/> in one space: embedded through the settings' prompt ensemble,
    /// neighbours and agreement from the space's text tower, fused and, for <see cref="FusionMode.MaxStandardized"/>,
    /// standardised against <paramref name="space"/>.
    /// </summary>
    /// <param name="plan">From <see cref="Plan"/>; its query must not be empty.</param>
    /// <param name="settings">The expansion settings.</param>
    /// <param name="space">The searched space (its name keys the embedded vocabulary).</param>
    /// <param name="embed">Embeds texts in that space's model, L2-normalised, one vector per text.</param>
    /// <param name="embedVocabulary">The same for the whole vocabulary, once per space: it should bypass query caches and not stop with one search.</param>
    /// <param name="notes">Receives what each unknown word became.</param>
    /// <param name="cancellationToken">Stops this search; it never cancels the shared embedding of the vocabulary.</param>
    public QueryVectors Vectors(ExpansionPlan plan, QueryExpansionSettings settings, EmbeddingSpace space, Func<IReadOnlyList<string>, float[][]> embed,
        Func<IReadOnlyList<string>, float[][]> embedVocabulary, List<string> notes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(space);
        var fusion = new QueryEmbeddingFusion(texts => embed(texts), new FusionOptions { Templates = settings.Ensemble, Mode = settings.Mode });
        var wantsNeighbours = plan.Unknown.Count > 0 && settings.Terms.Sources.HasFlag(ExpansionSources.Neighbours)
            && settings.Terms.NeighbourCount > 0 && settings.Terms.NeighbourWeight > 0f;
        var neighbours = wantsNeighbours ? new TextNeighbourSource(EmbeddedVocabulary(space.Identity.Space, embedVocabulary, cancellationToken), embed) : null;
        var (expanded, expansionNotes) = new TextSpaceExpansion(fusion, settings.Terms, neighbours).Expand(plan);
        foreach (var note in expansionNotes) if (!notes.Contains(note)) notes.Add(note);
        var vectors = new QueryVectors(expanded.Vectors, expanded.Weights);
        return settings.Mode == FusionMode.MaxStandardized ? TermStandardization.Apply(vectors, space) : vectors;
    }

    // The labels and tags embedded bare (one prompt each, whatever the query's ensemble: neighbours compare a word with
    // them in the plain text space, and the whole vocabulary through an ensemble would cost several times as much),
    // once per space and shared by every search. One caller's cancellation stops its wait, not the embedding; a failed
    // embedding is forgotten, so the next search tries again.
    private TextVocabulary EmbeddedVocabulary(string space, Func<IReadOnlyList<string>, float[][]> embed, CancellationToken cancellationToken)
    {
        var task = _embedded.GetOrAdd(space, _ => Task.Run(() => new TextVocabulary(Vocabulary.Entries, embed(Vocabulary.Entries))));
        try
        {
            task.Wait(cancellationToken);
        }
        catch (AggregateException e)
        {
            _embedded.TryRemove(new KeyValuePair<string, Task<TextVocabulary>>(space, task));
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException ?? e).Throw();
        }
        return task.Result;
    }
}
