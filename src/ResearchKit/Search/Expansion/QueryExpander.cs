namespace ResearchKit.Search.Expansion;

/// <summary>
/// Expands a text query with WordNet synonyms, hypernyms and hyponyms into weighted terms for embedding search.
/// </summary>
/// <remarks>
/// A query WordNet knows as a whole ("hot dog", "dogs") is expanded as one unit. Otherwise each content word
/// (not a stopword, known to WordNet, and unless <see cref="ExpansionOptions.ExpandModifiers"/> is set, not an
/// adjective followed by another content word) is expanded in turn and its replacements are substituted into the
/// query, so "red car" yields "red automobile" and "red motor vehicle" rather than bare "automobile". Each word
/// takes the first part of speech in <see cref="ExpansionOptions.PartsOfSpeech"/> that WordNet knows it in (nouns
/// first by default). The query comes first; the rest follow by descending weight (ties keep discovery order: word
/// by word from the left, and within a word synonyms, hypernyms, hyponyms), with case-insensitive duplicates
/// dropped in favour of the heavier copy.
/// </remarks>
public sealed class QueryExpander
{
    private readonly WordNetDatabase _wordNet;

    /// <summary>Expands with <paramref name="wordNet"/> under <paramref name="options"/> (defaults when null).</summary>
    public QueryExpander(WordNetDatabase wordNet, ExpansionOptions? options = null)
    {
        _wordNet = wordNet ?? throw new ArgumentNullException(nameof(wordNet));
        Options = options ?? new ExpansionOptions();
        Options.Validate();
    }

    /// <summary>The options in force.</summary>
    public ExpansionOptions Options { get; }

    /// <summary>
    /// The query followed by its expansions, at most <see cref="ExpansionOptions.MaxTerms"/> terms.
    /// </summary>
    /// <exception cref="InvalidQueryException">The query is empty or only stopwords.</exception>
    public IReadOnlyList<ExpansionTerm> Expand(string query)
    {
        QueryText.Validate(query);
        var text = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var found = new List<ExpansionTerm>();
        foreach (var (start, length) in Units(text))
        {
            var unit = text.Substring(start, length);
            foreach (var (replacement, weight, source) in Related(unit))
                found.Add(new ExpansionTerm(text[..start] + replacement + text[(start + length)..], weight, source));
        }

        var terms = new List<ExpansionTerm> { new(text, Options.QueryWeight, "query") };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { text };
        // OrderByDescending is a stable sort, so equal weights keep discovery order.
        foreach (var term in found.OrderByDescending(t => t.Weight))
        {
            if (terms.Count >= Options.MaxTerms) break;
            if (seen.Add(term.Text)) terms.Add(term);
        }
        return terms;
    }

    // Spans of the query to expand: the whole query when WordNet has it as a lemma or collocation, else each content word.
    private IEnumerable<(int Start, int Length)> Units(string text)
    {
        if (FirstKnownPart(text) is not null) return [(0, text.Length)];
        var content = QueryText.WordMatches(text).Where(m => !Stopwords.IsStopword(m.Value)).ToList();
        // English modifiers precede their head, so only a non-final adjective is treated as a modifier.
        return content
            .Where((m, i) => Options.ExpandModifiers || i == content.Count - 1 || !_wordNet.Contains(m.Value, PartOfSpeech.Adjective))
            .Where(m => FirstKnownPart(m.Value) is not null)
            .Select(m => (m.Index, m.Length))
            .ToList();
    }

    private PartOfSpeech? FirstKnownPart(string words)
    {
        foreach (var pos in Options.PartsOfSpeech)
        {
            if (_wordNet.Contains(words, pos)) return pos;
        }
        return null;
    }

    private IEnumerable<(string Text, float Weight, string Source)> Related(string unit)
    {
        if (FirstKnownPart(unit) is not { } pos) yield break;
        var senses = _wordNet.Lookup(unit, pos).Take(Options.MaxSenses).ToList();
        // The unit's own forms are not expansions of it ("dogs" should not gain "dog"); each emitted word joins
        // the set too, so a word reached twice within the unit is produced once.
        var taken = new HashSet<string>(_wordNet.BaseForms(unit, pos).Select(WordNetDatabase.ToPhrase), StringComparer.OrdinalIgnoreCase) { unit };
        var relations = Options.Relations;

        if (relations.HasFlag(ExpansionRelations.Synonyms))
        {
            foreach (var word in Words(senses, taken, Options.MaxTerms))
                yield return (word, Options.SynonymWeight, "synonym");
        }
        if (relations.HasFlag(ExpansionRelations.Hypernyms))
        {
            foreach (var item in Walk(senses, taken, "hypernym", Options.HypernymDepth, Options.HypernymWeight, _wordNet.Hypernyms))
                yield return item;
        }
        if (relations.HasFlag(ExpansionRelations.Hyponyms))
        {
            foreach (var item in Walk(senses, taken, "hyponym", Options.HyponymDepth, Options.HyponymWeight, _wordNet.Hyponyms))
                yield return item;
        }
    }

    // Breadth-first, one level per depth step. Terms beyond MaxTerms from one relation could never survive the
    // final cut (the earlier ones weigh at least as much and sort first), so the walk stops there.
    private IEnumerable<(string, float, string)> Walk(
        IReadOnlyList<Synset> start, HashSet<string> taken, string name, int depth, float weight, Func<Synset, IReadOnlyList<Synset>> step)
    {
        var level = start;
        var visited = new HashSet<(PartOfSpeech, long)>(start.Select(s => (s.PartOfSpeech, s.Offset)));
        var produced = 0;
        for (var d = 1; d <= depth && level.Count > 0 && produced < Options.MaxTerms; d++)
        {
            level = level.SelectMany(step).Where(s => visited.Add((s.PartOfSpeech, s.Offset))).ToList();
            var w = weight * MathF.Pow(Options.DepthDecay, d - 1);
            foreach (var word in Words(level, taken, Options.MaxTerms - produced))
            {
                produced++;
                yield return (word, w, $"{name}:{d}");
            }
        }
    }

    private static IEnumerable<string> Words(IEnumerable<Synset> synsets, HashSet<string> taken, int limit)
    {
        var count = 0;
        foreach (var synset in synsets)
        {
            foreach (var word in synset.Words)
            {
                if (count >= limit) yield break;
                var phrase = WordNetDatabase.ToPhrase(word);
                if (!taken.Add(phrase)) continue;
                count++;
                yield return phrase;
            }
        }
    }
}
