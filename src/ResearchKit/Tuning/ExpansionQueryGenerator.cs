using System.Text;
using ResearchKit.Datasets;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tuning;

/// <summary>
/// Makes expansion test queries from a training split's metadata alone: WordNet synonyms and hypernyms of label words
/// that no label or tag uses (out-of-vocabulary), two-tag descriptive phrases, and labels with one word misspelled.
/// Deterministic for a seed; each kind is thinned to <c>maxPerKind</c> by a hash of the query text, so the same
/// metadata always gives the same set.
/// </summary>
public static class ExpansionQueryGenerator
{
    private static readonly PartOfSpeech[] DominantParts = [PartOfSpeech.Noun, PartOfSpeech.Adjective, PartOfSpeech.Verb];
    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    /// <summary>Every kind of query from <paramref name="training"/>'s labels and tags.</summary>
    /// <param name="training">The training split's items (never the held-out images').</param>
    /// <param name="wordNet">WordNet, for synonyms and hypernyms.</param>
    /// <param name="maxPerKind">Most queries of each kind.</param>
    /// <param name="isDictionaryWord">Rejects misspellings that are real words (e.g. a Hunspell lookup); null checks the gallery only.</param>
    /// <param name="seed">Seeds the choice of tags and of the misspelling edit.</param>
    public static IReadOnlyList<ExpansionQuery> Generate(IReadOnlyList<DatasetItem> training, WordNetDatabase wordNet, int maxPerKind = 300,
        Func<string, bool>? isDictionaryWord = null, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(wordNet);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerKind, 0);
        var vocabulary = GalleryVocabulary.FromItems(training);
        var labels = training.SelectMany(i => i.Labels).Select(GalleryVocabulary.Normalize).Where(l => l.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        var outOfVocabulary = OutOfVocabulary(labels, vocabulary, wordNet).ToList();
        return
        [
            .. Thin(outOfVocabulary, maxPerKind, ExpansionQueryKind.Synonym),
            .. Thin(outOfVocabulary, maxPerKind, ExpansionQueryKind.Hypernym),
            .. Thin(Phrases(training, vocabulary, seed), maxPerKind, ExpansionQueryKind.Phrase),
            .. Thin(Misspellings(labels, vocabulary, isDictionaryWord, seed), maxPerKind, ExpansionQueryKind.Misspelling),
        ];
    }

    // Synonyms and direct hypernyms of each label word's dominant sense, kept when none of their words is a gallery word.
    private static IEnumerable<ExpansionQuery> OutOfVocabulary(IReadOnlyList<string> labels, GalleryVocabulary vocabulary, WordNetDatabase wordNet)
    {
        var found = new SortedDictionary<string, (ExpansionQueryKind Kind, SortedSet<string> From)>(StringComparer.Ordinal);
        foreach (var word in labels.SelectMany(ContentWords).Distinct().Order(StringComparer.Ordinal))
        {
            var sense = DominantParts.Select(pos => wordNet.Lookup(word, pos)).FirstOrDefault(s => s.Count > 0)?[0];
            if (sense is null) continue;
            foreach (var (lemmas, kind) in new[] { (sense.Words, ExpansionQueryKind.Synonym), (wordNet.Hypernyms(sense).SelectMany(h => h.Words).ToList(), ExpansionQueryKind.Hypernym) })
            {
                foreach (var lemma in lemmas)
                {
                    // Capitalised lemmas are names and scientific terms ("Canis familiaris"), not what people type.
                    if (lemma.Any(char.IsUpper) || !lemma.All(c => c is >= 'a' and <= 'z' or '_' or '-')) continue;
                    var text = WordNetDatabase.ToPhrase(lemma);
                    var words = QueryText.Words(text);
                    if (text.Length < 3 || words.Count > 3 || words.Any(w => Stopwords.IsStopword(w) || vocabulary.Knows(w, wordNet))) continue;
                    if (!found.TryGetValue(text, out var entry)) found[text] = entry = (kind, new SortedSet<string>(StringComparer.Ordinal));
                    // A word that is a synonym of one label word and a hypernym of another counts as a synonym.
                    if (kind == ExpansionQueryKind.Synonym) found[text] = entry = (kind, entry.From);
                    entry.From.Add(word);
                }
            }
        }
        foreach (var (text, (kind, from)) in found)
            yield return new ExpansionQuery(text, kind, [.. from.Select(w => (IReadOnlyList<string>)[w])],
                $"{(kind == ExpansionQueryKind.Synonym ? "synonym" : "hypernym")} of {string.Join(", ", from)}");
    }

    // Two content tags of one emoji that are not words of its label, e.g. "cheerful teeth" for grinning face.
    private static IEnumerable<ExpansionQuery> Phrases(IReadOnlyList<DatasetItem> training, GalleryVocabulary vocabulary, int seed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in training.Where(i => i.Labels.Count > 0).GroupBy(i => GalleryVocabulary.Normalize(i.Labels[0])).Select(g => g.First()))
        {
            var label = GalleryVocabulary.Normalize(item.Labels[0]);
            var labelWords = QueryText.Words(label).ToHashSet(StringComparer.Ordinal);
            var tags = item.Tags.Select(GalleryVocabulary.Normalize).Distinct()
                .Where(t => !t.Contains(' ') && t.Length >= 3 && t.All(char.IsLetter) && !Stopwords.IsStopword(t) && !labelWords.Contains(t))
                .Order(StringComparer.Ordinal).ToList();
            if (tags.Count < 2) continue;
            var random = new Random(seed ^ StableHash(label));
            var first = random.Next(tags.Count);
            var second = (first + 1 + random.Next(tags.Count - 1)) % tags.Count;
            var text = $"{tags[first]} {tags[second]}";
            if (vocabulary.HasEntry(text) || !seen.Add(text)) continue;
            yield return new ExpansionQuery(text, ExpansionQueryKind.Phrase, [[tags[first], tags[second]]], $"tags of {label}");
        }
    }

    // A label with its longest word (five letters or more) changed by one typing slip.
    private static IEnumerable<ExpansionQuery> Misspellings(IReadOnlyList<string> labels, GalleryVocabulary vocabulary, Func<string, bool>? isDictionaryWord, int seed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            var words = ContentWords(label).ToList();
            var target = words.Where(w => w.Length >= 5 && w.All(c => c is >= 'a' and <= 'z')).OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).FirstOrDefault();
            if (target is null) continue;
            var random = new Random(seed ^ StableHash(label));
            for (var attempt = 0; attempt < 8; attempt++)
            {
                var typo = Slip(target, random);
                if (typo == target || vocabulary.HasWord(typo) || (isDictionaryWord?.Invoke(typo) ?? false)) continue;
                var text = string.Join(' ', label.Split(' ').Select(w => w == target ? typo : w));
                if (seen.Add(text)) yield return new ExpansionQuery(text, ExpansionQueryKind.Misspelling, [words], $"{label} ({target} -> {typo})");
                break;
            }
        }
    }

    // One of: swap two neighbouring letters, drop a letter, double a letter, or hit a key next to the right one;
    // never the first letter, which typists rarely get wrong.
    private static string Slip(string word, Random random)
    {
        var at = 1 + random.Next(word.Length - 1);
        switch (random.Next(4))
        {
            case 0 when at < word.Length - 1:
                return string.Concat(word.AsSpan(0, at), word[at + 1].ToString(), word[at].ToString(), word.AsSpan(at + 2));
            case 1:
                return word.Remove(at, 1);
            case 2:
                return word.Insert(at, word[at].ToString());
            default:
                var row = KeyboardRows.First(r => r.Contains(word[at]));
                var key = row.IndexOf(word[at]);
                var neighbour = key == 0 ? row[1] : key == row.Length - 1 ? row[key - 1] : row[key + (random.Next(2) == 0 ? -1 : 1)];
                return string.Concat(word.AsSpan(0, at), neighbour.ToString(), word.AsSpan(at + 1));
        }
    }

    private static IEnumerable<string> ContentWords(string text) =>
        QueryText.Words(text).Where(w => w.Length >= 3 && w.All(char.IsLetter) && !Stopwords.IsStopword(w));

    private static IEnumerable<ExpansionQuery> Thin(IEnumerable<ExpansionQuery> queries, int max, ExpansionQueryKind kind) =>
        queries.Where(q => q.Kind == kind).OrderBy(q => StableHash(q.Text)).ThenBy(q => q.Text, StringComparer.Ordinal).Take(max).OrderBy(q => q.Text, StringComparer.Ordinal);

    // FNV-1a over UTF-8: string.GetHashCode is randomised per process, and the set must not change between runs.
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * 16777619u;
        return (int)hash;
    }
}
