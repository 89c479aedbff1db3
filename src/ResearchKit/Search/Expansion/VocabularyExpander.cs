using System.Text.RegularExpressions;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// Plans the expansion of a query against a gallery's vocabulary: words the vocabulary has stay as typed; each word
/// it lacks is looked up in WordNet, every sense is walked (synonyms, hypernyms and hyponyms a few steps, related
/// forms, the words of its definition) to the gallery terms it reaches, the senses best supported by what they reach
/// are kept, and the terms they reach become weighted candidates for the word. Never throws on query text: empty,
/// stopword-only, very long and foreign queries come back as plans that search the query as typed, with notes.
/// </summary>
/// <remarks>
/// Choosing senses by what they reach is what lets "canine" mean the animal in an emoji gallery (its sense 2 reaches
/// dog, wolf and fox) rather than the tooth (sense 1 reaches little). Only gallery terms become candidates, so a word
/// the model never saw cannot drown the ones it knows.
/// </remarks>
public sealed partial class VocabularyExpander
{
    private static readonly PartOfSpeech[] Parts = [PartOfSpeech.Noun, PartOfSpeech.Adjective, PartOfSpeech.Verb, PartOfSpeech.Adverb];

    // Derivationally related form, similar to, also see, pertainym, attribute, participle (wndb(5WN) pointer symbols).
    private static readonly string[] RelatedSymbols = ["+", "&", "^", "\\", "=", "<"];

    // A hyponym level larger than this is cut: very general senses fan out to thousands of synsets.
    private const int MaxLevelSynsets = 400;

    private readonly WordNetDatabase _wordNet;

    /// <summary>Plans against <paramref name="vocabulary"/> with <paramref name="wordNet"/>, under <paramref name="options"/> (defaults when null).</summary>
    public VocabularyExpander(WordNetDatabase wordNet, GalleryVocabulary vocabulary, VocabularyExpansionOptions? options = null)
    {
        _wordNet = wordNet ?? throw new ArgumentNullException(nameof(wordNet));
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        Options = (options ?? new VocabularyExpansionOptions()).Validate();
    }

    /// <summary>The gallery vocabulary planned against.</summary>
    public GalleryVocabulary Vocabulary { get; }

    /// <summary>The options in force.</summary>
    public VocabularyExpansionOptions Options { get; }

    /// <summary>The unknown words of <paramref name="query"/> and their WordNet candidates, with notes.</summary>
    public ExpansionPlan Plan(string? query)
    {
        var text = string.Join(' ', (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) return new ExpansionPlan(text, [], ["the query is empty: there is nothing to search for."]);
        var words = QueryText.WordMatches(text);
        if (words.Count == 0) return new ExpansionPlan(text, [], ["the query has no words, only punctuation or symbols: searched as typed."]);
        var content = words.Where(m => !Stopwords.IsStopword(m.Value)).ToList();
        if (content.Count == 0) return new ExpansionPlan(text, [], ["the query has only stopwords (such as \"the\", \"of\"): searched as typed, without expansion."]);
        var notes = new List<string>();
        if (content.Count > Options.MaxQueryWords)
        {
            notes.Add($"the query is long ({content.Count} words): only its first {Options.MaxQueryWords} were checked for expansion.");
            content = content.Take(Options.MaxQueryWords).ToList();
        }
        var spans = UnknownSpans(text, content);
        if (spans.Count == 0)
        {
            notes.Add("every word is in the gallery's vocabulary: searched as typed.");
            return new ExpansionPlan(text, [], notes);
        }
        if (spans.Count > Options.MaxUnknownWords)
        {
            notes.Add($"{spans.Count} words are not in the gallery's vocabulary; only the first {Options.MaxUnknownWords} were expanded.");
            spans = spans.Take(Options.MaxUnknownWords).ToList();
        }
        var others = content.Select(m => m.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var unknown = spans.Select(s => new UnknownWord(s.Start, s.Length,
            Options.Sources.HasFlag(ExpansionSources.WordNet) ? Candidates(text.Substring(s.Start, s.Length), others) : [])).ToList();
        return new ExpansionPlan(text, unknown, notes);
    }

    /// <summary>Whether the gallery vocabulary knows <paramref name="word"/> (see <see cref="GalleryVocabulary.Knows"/>).</summary>
    public bool Knows(string word) => Vocabulary.Knows(word, _wordNet);

    /// <summary>
    /// The gallery terms the WordNet senses of <paramref name="word"/> reach, heaviest first, at most
    /// <see cref="VocabularyExpansionOptions.MaxCandidates"/>; terms in <paramref name="exclude"/> are skipped.
    /// </summary>
    public IReadOnlyList<ExpansionCandidate> Candidates(string word, IReadOnlySet<string>? exclude = null)
    {
        var own = new HashSet<string>(StringComparer.Ordinal) { GalleryVocabulary.Normalize(word) };
        foreach (var pos in Parts) own.UnionWith(_wordNet.BaseForms(word, pos).Select(f => WordNetDatabase.ToPhrase(f)));
        if (exclude is not null) own.UnionWith(exclude);
        var senses = new List<(int Rank, Dictionary<string, ExpansionCandidate> Found, float Evidence)>();
        // Ranks run on across parts of speech, nouns first: image queries name things far more often than actions.
        var rank = 0;
        foreach (var pos in Parts)
        {
            foreach (var sense in _wordNet.Lookup(word, pos).Take(Options.MaxSenses))
            {
                rank++;
                var found = Walk(sense, rank, pos == PartOfSpeech.Noun ? 1f : Options.NonNounWeight, own);
                var evidence = found.Values.Select(c => c.Weight).OrderDescending().Take(Options.MaxCandidates).Sum();
                if (evidence > 0) senses.Add((rank, found, evidence));
            }
        }
        if (senses.Count == 0) return [];
        var best = senses.Max(s => s.Evidence);
        var merged = new Dictionary<string, ExpansionCandidate>(StringComparer.Ordinal);
        foreach (var (_, found, _) in senses.Where(s => s.Evidence >= Options.SenseKeepRatio * best))
        {
            foreach (var candidate in found.Values)
            {
                if (!merged.TryGetValue(candidate.Text, out var earlier) || candidate.Weight > earlier.Weight) merged[candidate.Text] = candidate;
            }
        }
        var chosen = merged.Values
            .OrderByDescending(c => c.Weight)
            .ThenByDescending(c => Vocabulary.ItemsWith(c.Text))
            .ThenBy(c => c.Text, StringComparer.Ordinal)
            .Take(Options.MaxCandidates)
            .ToList();
        return [.. WithEntries(chosen, own).OrderByDescending(c => c.Weight)];
    }

    // Each candidate word also brings the labels and tags that contain it, shortest first ("bellhop" -> "bellhop bell"):
    // a model trained on a gallery's labels knows the whole label better than one of its words.
    private IEnumerable<ExpansionCandidate> WithEntries(List<ExpansionCandidate> chosen, HashSet<string> own)
    {
        var taken = chosen.Select(c => c.Text).ToHashSet(StringComparer.Ordinal);
        foreach (var candidate in chosen)
        {
            yield return candidate;
            if (candidate.Text.Contains(' ') || Options.EntriesPerTerm == 0) continue;
            foreach (var entry in Vocabulary.EntriesWith(candidate.Text).Where(e => !own.Contains(e) && taken.Add(e)).Take(Options.EntriesPerTerm))
                yield return candidate with { Text = entry, Weight = candidate.Weight * Options.EntryWeight, Source = candidate.Source + ", entry" };
        }
    }

    // The gallery terms one sense reaches, each with its best weight (sense decay included).
    private Dictionary<string, ExpansionCandidate> Walk(Synset sense, int rank, float partWeight, HashSet<string> own)
    {
        var found = new Dictionary<string, ExpansionCandidate>(StringComparer.Ordinal);
        var prior = MathF.Pow(Options.SenseDecay, rank - 1) * partWeight;
        void Add(string lemma, float weight, string source)
        {
            var phrase = GalleryVocabulary.Normalize(WordNetDatabase.ToPhrase(lemma));
            if (weight <= 0f || phrase.Length == 0 || own.Contains(phrase)) return;
            foreach (var (text, presence) in InVocabulary(phrase))
            {
                var w = weight * presence * prior;
                if (w > 0f && !own.Contains(text) && (!found.TryGetValue(text, out var earlier) || w > earlier.Weight))
                    found[text] = new ExpansionCandidate(text, w, source, rank);
            }
        }

        foreach (var lemma in sense.Words) Add(lemma, Options.SynonymWeight, "synonym");
        WalkLevels(sense, _wordNet.Hypernyms, Options.HypernymDepth, Options.HypernymWeight, "hypernym", Add);
        WalkLevels(sense, _wordNet.Hyponyms, Options.HyponymDepth, Options.HyponymWeight, "hyponym", Add);
        foreach (var related in _wordNet.Related(sense, RelatedSymbols))
            foreach (var lemma in related.Words) Add(lemma, Options.RelatedWeight, "related");
        foreach (var word in GlossWords(sense.Gloss)) Add(word, Options.GlossWeight, "gloss");
        return found;
    }

    // How a WordNet phrase appears in the vocabulary: as a whole entry or known word (1), as a phrase of known words
    // (PhraseWeight), or as the inflected forms the gallery uses ("magnify" -> "magnifying"); nothing when absent.
    private IEnumerable<(string Text, float Presence)> InVocabulary(string phrase)
    {
        var single = !phrase.Contains(' ');
        if (Vocabulary.HasEntry(phrase) || (single && Vocabulary.HasWord(phrase))) return [(phrase, 1f)];
        if (!single) return Vocabulary.HasAllWords(phrase) ? [(phrase, Options.PhraseWeight)] : [];
        return Vocabulary.InflectionsOf(phrase, _wordNet).Select(f => (f, 1f));
    }

    private void WalkLevels(Synset start, Func<Synset, IReadOnlyList<Synset>> step, int depth, float weight, string name, Action<string, float, string> add)
    {
        var visited = new HashSet<(PartOfSpeech, long)> { (start.PartOfSpeech, start.Offset) };
        IReadOnlyList<Synset> level = [start];
        for (var d = 1; d <= depth && level.Count > 0; d++)
        {
            level = [.. level.SelectMany(step).Where(s => visited.Add((s.PartOfSpeech, s.Offset))).Take(MaxLevelSynsets)];
            var w = weight * MathF.Pow(Options.StepDecay, d - 1);
            foreach (var synset in level)
                foreach (var lemma in synset.Words) add(lemma, w, $"{name}:{d}");
        }
    }

    // Content words of a gloss's definition (the part before any example sentence), in the form the vocabulary has.
    private IEnumerable<string> GlossWords(string gloss)
    {
        var definition = gloss.Split(';', '"')[0];
        foreach (var word in QueryText.Words(definition))
        {
            var lower = word.ToLowerInvariant();
            if (lower.Length < 3 || Stopwords.IsStopword(lower) || lower.Any(char.IsDigit)) continue;
            if (Vocabulary.HasWord(lower)) { yield return lower; continue; }
            var form = Parts.SelectMany(pos => _wordNet.BaseForms(lower, pos)).FirstOrDefault(Vocabulary.HasWord);
            if (form is not null) yield return form;
        }
    }

    // Unknown content words; two adjacent unknown words that WordNet knows as one collocation form one span.
    private List<(int Start, int Length)> UnknownSpans(string text, List<Match> content)
    {
        var spans = new List<(int Start, int Length)>();
        for (var i = 0; i < content.Count; i++)
        {
            var word = content[i];
            if (Knows(word.Value)) continue;
            if (i + 1 < content.Count && !Knows(content[i + 1].Value) && content[i + 1].Index == word.Index + word.Length + 1)
            {
                var pair = text.Substring(word.Index, content[i + 1].Index + content[i + 1].Length - word.Index);
                if (Parts.Any(pos => _wordNet.Contains(pair, pos)))
                {
                    spans.Add((word.Index, pair.Length));
                    i++;
                    continue;
                }
            }
            spans.Add((word.Index, word.Length));
        }
        return spans;
    }
}
