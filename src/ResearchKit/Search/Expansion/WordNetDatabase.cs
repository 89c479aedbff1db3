namespace ResearchKit.Search.Expansion;

/// <summary>
/// Read-only access to a WordNet 3.0 database in its wndb(5WN) file format: lemma lookup with morphological
/// base forms, synsets in sense order, and hypernym/hyponym traversal. Each part of speech loads on first use.
/// </summary>
/// <remarks>Thread-safe: loading is guarded by <see cref="Lazy{T}"/> and parsed synsets are cached concurrently.</remarks>
public sealed class WordNetDatabase
{
    /// <summary>Where Debian's wordnet-base package puts the database.</summary>
    public const string DefaultDirectory = "/usr/share/wordnet";

    private static readonly PartOfSpeech[] AllParts = [PartOfSpeech.Noun, PartOfSpeech.Verb, PartOfSpeech.Adjective, PartOfSpeech.Adverb];
    private readonly Lazy<WordNetCategory>[] _categories;

    /// <summary>Checks that <paramref name="directory"/> (default <see cref="DefaultDirectory"/>) holds every index and data file; parses nothing yet.</summary>
    /// <exception cref="LexiconNotFoundException">The directory or one of its index.*/data.* files is missing.</exception>
    public WordNetDatabase(string? directory = null)
    {
        Directory = Path.GetFullPath(directory ?? DefaultDirectory);
        if (!System.IO.Directory.Exists(Directory))
            throw new LexiconNotFoundException(Directory, "WordNet database directory");
        foreach (var pos in AllParts)
        {
            foreach (var kind in new[] { "index.", "data." })
            {
                var file = Path.Combine(Directory, kind + WordNetCategory.FileSuffix(pos));
                if (!File.Exists(file)) throw new LexiconNotFoundException(file, "WordNet database file");
            }
        }
        _categories = AllParts
            .Select(pos => new Lazy<WordNetCategory>(() => WordNetCategory.Load(Directory, pos), LazyThreadSafetyMode.ExecutionAndPublication))
            .ToArray();
    }

    /// <summary>The absolute directory the database is read from.</summary>
    public string Directory { get; }

    /// <summary>WordNet's lemma spelling of free text: trimmed, lower case, runs of whitespace as one underscore.</summary>
    public static string ToLemma(string text) =>
        string.Join('_', text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Free-text spelling of a WordNet lemma: underscores become spaces.</summary>
    public static string ToPhrase(string lemma) => lemma.Replace('_', ' ');

    /// <summary>
    /// The lemmas in the index that <paramref name="word"/> may be a form of: the word itself, then its entries in
    /// the exception list (geese → goose), then suffix-detachment results (dogs → dog), each kept once.
    /// </summary>
    public IReadOnlyList<string> BaseForms(string word, PartOfSpeech partOfSpeech)
    {
        var lemma = ToLemma(word);
        if (lemma.Length == 0) return [];
        var category = Category(partOfSpeech);
        var forms = new List<string>();
        void Add(string form)
        {
            if (category.Contains(form) && !forms.Contains(form)) forms.Add(form);
        }
        Add(lemma);
        foreach (var form in category.ExceptionBases(lemma)) Add(form);
        foreach (var form in WordNetMorphology.Detach(lemma, partOfSpeech)) Add(form);
        return forms;
    }

    /// <summary>Whether <paramref name="word"/> or one of its base forms has a synset in <paramref name="partOfSpeech"/>.</summary>
    public bool Contains(string word, PartOfSpeech partOfSpeech) => BaseForms(word, partOfSpeech).Count > 0;

    /// <summary>
    /// Synsets of every base form of <paramref name="word"/>, base form by base form, each in WordNet's sense order
    /// (most frequent first); empty when WordNet does not know the word.
    /// </summary>
    public IReadOnlyList<Synset> Lookup(string word, PartOfSpeech partOfSpeech)
    {
        var category = Category(partOfSpeech);
        var synsets = new List<Synset>();
        var seen = new HashSet<long>();
        foreach (var form in BaseForms(word, partOfSpeech))
        {
            foreach (var offset in category.Offsets(form))
            {
                if (seen.Add(offset)) synsets.Add(category.Synset(partOfSpeech, offset));
            }
        }
        return synsets;
    }

    /// <summary>The synset stored at byte <paramref name="offset"/> of data.&lt;pos&gt;.</summary>
    /// <exception cref="LexiconFormatException">No synset line starts at that offset.</exception>
    public Synset GetSynset(PartOfSpeech partOfSpeech, long offset) => Category(partOfSpeech).Synset(partOfSpeech, offset);

    /// <summary>
    /// The other words of the first <paramref name="maxSenses"/> synsets of <paramref name="word"/>, as lemmas
    /// (underscored), in synset order, without the word's own base forms and without repeats.
    /// </summary>
    public IReadOnlyList<string> Synonyms(string word, PartOfSpeech partOfSpeech, int maxSenses = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSenses, 1);
        var own = new HashSet<string>(BaseForms(word, partOfSpeech), StringComparer.OrdinalIgnoreCase) { ToLemma(word) };
        var synonyms = new List<string>();
        foreach (var synset in Lookup(word, partOfSpeech).Take(maxSenses))
        {
            foreach (var w in synset.Words)
            {
                if (own.Add(w)) synonyms.Add(w);
            }
        }
        return synonyms;
    }

    /// <summary>Direct hypernyms of <paramref name="synset"/>: its "@" (class) and "@i" (instance-of) pointers.</summary>
    public IReadOnlyList<Synset> Hypernyms(Synset synset) => Related(synset, "@", "@i");

    /// <summary>Direct hyponyms of <paramref name="synset"/>: its "~" (subclass) and "~i" (instance) pointers.</summary>
    public IReadOnlyList<Synset> Hyponyms(Synset synset) => Related(synset, "~", "~i");

    /// <summary>The synsets <paramref name="synset"/> points to with any of <paramref name="symbols"/>, in file order.</summary>
    public IReadOnlyList<Synset> Related(Synset synset, params string[] symbols)
    {
        ArgumentNullException.ThrowIfNull(synset);
        return synset.Pointers
            .Where(p => symbols.Contains(p.Symbol, StringComparer.Ordinal))
            .Select(p => GetSynset(p.TargetPartOfSpeech, p.TargetOffset))
            .DistinctBy(s => (s.PartOfSpeech, s.Offset))
            .ToList();
    }

    private WordNetCategory Category(PartOfSpeech pos) => _categories[(int)pos].Value;
}
