using ResearchKit.Datasets;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// The words and texts a gallery's metadata uses (labels, tags and titles), lower case: what the gallery can be found
/// by, and for a model trained on such metadata, roughly what its text tower knows. Query expansion expands only the
/// words this vocabulary lacks, and prefers replacement terms it contains.
/// </summary>
public sealed class GalleryVocabulary
{
    private static readonly PartOfSpeech[] KnownParts = [PartOfSpeech.Noun, PartOfSpeech.Adjective, PartOfSpeech.Verb, PartOfSpeech.Adverb];
    private readonly HashSet<string> _entries;
    private readonly Dictionary<string, int> _itemsPerWord;
    private readonly Dictionary<string, string[]> _entriesWithWord;
    private readonly Lock _inflectionsGate = new();
    private (WordNetDatabase WordNet, Dictionary<string, string[]> Index)? _inflections;

    /// <summary>Builds the vocabulary of <paramref name="texts"/>, one list per item (its labels, tags, title).</summary>
    public GalleryVocabulary(IEnumerable<IEnumerable<string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _entries = new HashSet<string>(StringComparer.Ordinal);
        _itemsPerWord = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = 0;
        foreach (var item in texts)
        {
            items++;
            var words = new HashSet<string>(StringComparer.Ordinal);
            foreach (var text in item)
            {
                var entry = Normalize(text);
                if (entry.Length == 0) continue;
                _entries.Add(entry);
                words.UnionWith(QueryText.Words(entry));
            }
            foreach (var word in words) _itemsPerWord[word] = _itemsPerWord.GetValueOrDefault(word) + 1;
        }
        Items = items;
        Entries = [.. _entries.Order(StringComparer.Ordinal)];
        // Shortest first: the entry that is most nearly the word itself ("dog" before "guide dog") leads.
        _entriesWithWord = Entries
            .SelectMany(e => QueryText.Words(e).Distinct().Select(w => (Word: w, Entry: e)))
            .GroupBy(p => p.Word, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Entry).OrderBy(e => e.Length).ThenBy(e => e, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
        Words = new HashSet<string>(_itemsPerWord.Keys, StringComparer.Ordinal);
    }

    /// <summary>The vocabulary of a dataset's items: every label, tag and title.</summary>
    public static GalleryVocabulary FromItems(IEnumerable<DatasetItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new GalleryVocabulary(items.Select(i => i.Labels.Concat(i.Tags).Append(i.Title ?? "")));
    }

    /// <summary>Distinct labels, tags and titles, lower case with single spaces, in ordinal order.</summary>
    public IReadOnlyList<string> Entries { get; }

    /// <summary>Every word of every entry, lower case.</summary>
    public IReadOnlySet<string> Words { get; }

    /// <summary>How many items the vocabulary was built from.</summary>
    public int Items { get; }

    /// <summary>Whether <paramref name="text"/> (any case or spacing) is a whole label, tag or title.</summary>
    public bool HasEntry(string text) => _entries.Contains(Normalize(text));

    /// <summary>Whether <paramref name="word"/> (any case) occurs in some entry.</summary>
    public bool HasWord(string word) => _itemsPerWord.ContainsKey(word.ToLowerInvariant());

    /// <summary>Whether every word of <paramref name="text"/> occurs in some entry (true for a text of no words).</summary>
    public bool HasAllWords(string text) => QueryText.Words(text).All(HasWord);

    /// <summary>
    /// Whether the vocabulary has <paramref name="word"/>, its plural, or (given <paramref name="wordNet"/>) one of its
    /// WordNet base forms; a word with a digit counts as known, since numbers are not expanded.
    /// </summary>
    public bool Knows(string word, WordNetDatabase? wordNet = null)
    {
        var lower = word.ToLowerInvariant();
        if (HasWord(lower) || lower.Any(char.IsDigit) || HasWord(lower + "s") || HasWord(lower + "es")) return true;
        return wordNet is not null && KnownParts.Any(pos => wordNet.BaseForms(lower, pos).Any(HasWord));
    }

    /// <summary>The entries that contain <paramref name="word"/> (any case) as a word, shortest first.</summary>
    public IReadOnlyList<string> EntriesWith(string word) =>
        _entriesWithWord.TryGetValue(word.ToLowerInvariant(), out var entries) ? entries : [];

    /// <summary>
    /// The vocabulary's words whose WordNet base form is <paramref name="lemma"/> though the lemma itself is not a
    /// vocabulary word ("magnify" → "magnifying"); the index is built on first use for that WordNet.
    /// </summary>
    public IReadOnlyList<string> InflectionsOf(string lemma, WordNetDatabase wordNet)
    {
        ArgumentNullException.ThrowIfNull(wordNet);
        (WordNetDatabase WordNet, Dictionary<string, string[]> Index) built;
        lock (_inflectionsGate)
        {
            if (_inflections is not { } cached || !ReferenceEquals(cached.WordNet, wordNet))
            {
                var index = Words
                    .Where(w => w.All(char.IsLetter))
                    .SelectMany(w => KnownParts.SelectMany(pos => wordNet.BaseForms(w, pos)).Where(b => b != w && !HasWord(b)).Distinct().Select(b => (Base: b, Word: w)))
                    .GroupBy(p => p.Base, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(p => p.Word).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
                _inflections = (wordNet, index);
            }
            built = _inflections.Value;
        }
        return built.Index.TryGetValue(lemma, out var forms) ? forms : [];
    }

    /// <summary>How many items use <paramref name="word"/> in their labels, tags or title.</summary>
    public int ItemsWith(string word) => _itemsPerWord.GetValueOrDefault(word.ToLowerInvariant());

    /// <summary>Lower case, whitespace runs as one space, trimmed.</summary>
    public static string Normalize(string text) =>
        string.Join(' ', (text ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
