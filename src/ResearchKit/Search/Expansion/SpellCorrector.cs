using System.Text;
using System.Text.RegularExpressions;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// Corrects misspelled words of a search query against a <see cref="HunspellDictionary"/>, choosing for each
/// unknown word the best form within edit distance 2 by a fixed, deterministic ranking.
/// </summary>
/// <remarks>
/// Words containing digits, single letters, whitelisted and preferred words, and dictionary words are left alone.
/// Candidates are ranked by: (1) smaller optimal-string-alignment distance; (2) being in the preferred vocabulary;
/// (3) having exactly the typed word's letters (a swap, the commonest typing slip: "teh" → "the" over "tea");
/// (4) differing only by a doubled or undoubled letter ("cofee" → "coffee" over "cooee"); (5) keeping the typed
/// first letter, which typists rarely get wrong ("teh" → "the" over "eth"); (6) smaller length difference;
/// (7) ordinal order of the lower-cased form. Candidates are searched in length
/// buckets (typed length ± distance) with a banded distance computation: fast enough for interactive use on the
/// 50k-stem en_US dictionary, without the memory a symmetric-deletion index would need.
/// </remarks>
public sealed partial class SpellCorrector
{
    private readonly HunspellDictionary _dictionary;
    private readonly HashSet<string> _accepted;
    private readonly HashSet<string> _preferred;
    private readonly Dictionary<int, string[]> _byLength;

    /// <summary>Corrects against <paramref name="dictionary"/> under <paramref name="options"/> (defaults when null).</summary>
    public SpellCorrector(HunspellDictionary dictionary, SpellCorrectionOptions? options = null)
    {
        _dictionary = dictionary ?? throw new ArgumentNullException(nameof(dictionary));
        Options = options ?? new SpellCorrectionOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxDistance, 1, nameof(SpellCorrectionOptions.MaxDistance));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Options.MaxDistance, 2, nameof(SpellCorrectionOptions.MaxDistance));
        _preferred = SplitWords(Options.PreferredVocabulary);
        _accepted = SplitWords(Options.Whitelist);
        _accepted.UnionWith(_preferred);
        _byLength = dictionary.SuggestableWords
            .Concat(_preferred)
            .Where(w => !w.Any(char.IsDigit))
            .Distinct(StringComparer.Ordinal)
            .GroupBy(w => w.Length)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The options in force.</summary>
    public SpellCorrectionOptions Options { get; }

    /// <summary>Whether <paramref name="word"/> needs no correction: in the dictionary, whitelisted, preferred, or containing a digit.</summary>
    public bool IsKnown(string word) =>
        word.Any(char.IsDigit) || _accepted.Contains(HunspellDictionary.Normalize(word)) || _dictionary.Contains(word);

    /// <summary>Corrects every unknown word of <paramref name="query"/> that has a candidate; other text is kept verbatim.</summary>
    public SpellCorrection Correct(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var changes = new List<WordCorrection>();
        var result = new StringBuilder(query.Length);
        var copied = 0;
        foreach (Match match in WordPattern().Matches(query))
        {
            if (match.Length < 2 || IsKnown(match.Value)) continue;
            if (Suggest(match.Value) is not { } best) continue;
            var corrected = MatchCase(match.Value, best.Word);
            changes.Add(new WordCorrection(match.Value, corrected, best.Distance));
            result.Append(query, copied, match.Index - copied).Append(corrected);
            copied = match.Index + match.Length;
        }
        result.Append(query, copied, query.Length - copied);
        return new SpellCorrection(query, result.ToString(), changes);
    }

    /// <summary>The best candidate for <paramref name="word"/> (lower case) with its distance, or null when none is close enough.</summary>
    public (string Word, int Distance)? Suggest(string word)
    {
        var typed = HunspellDictionary.Normalize(word);
        var limit = typed.Length >= Options.MinLengthForDistanceTwo ? Options.MaxDistance : 1;
        var typedLetters = SortedLetters(typed);
        string? best = null;
        var bestKey = (Distance: int.MaxValue, NotPreferred: 1, NotSwap: 1, NotDoubling: 1, NewFirstLetter: 1, LengthGap: int.MaxValue);
        // Nearer lengths first, so a distance-1 hit usually appears early and narrows the remaining search.
        foreach (var length in CandidateLengths(typed.Length, limit))
        {
            if (!_byLength.TryGetValue(length, out var bucket)) continue;
            foreach (var candidate in bucket)
            {
                var distance = EditDistance.Bounded(typed, candidate, Math.Min(limit, bestKey.Distance));
                if (distance > limit || distance > bestKey.Distance || distance == 0) continue;
                var key = (distance,
                    _preferred.Contains(candidate) ? 0 : 1,
                    length == typed.Length && SortedLetters(candidate) == typedLetters ? 0 : 1,
                    IsDoublingSlip(typed, candidate) ? 0 : 1,
                    candidate[0] == typed[0] ? 0 : 1,
                    Math.Abs(length - typed.Length));
                var order = key.CompareTo(bestKey);
                if (order < 0 || (order == 0 && string.CompareOrdinal(candidate, best) < 0))
                {
                    best = candidate;
                    bestKey = key;
                }
            }
        }
        return best is null ? null : (best, bestKey.Distance);
    }

    private static IEnumerable<int> CandidateLengths(int length, int limit)
    {
        yield return length;
        for (var gap = 1; gap <= limit; gap++)
        {
            yield return length - gap;
            yield return length + gap;
        }
    }

    // A letter typed once for twice or twice for once ("cofee", "tommorow") is among the commonest slips.
    private static bool IsDoublingSlip(string typed, string candidate)
    {
        if (Math.Abs(typed.Length - candidate.Length) != 1) return false;
        var (longer, shorter) = typed.Length > candidate.Length ? (typed, candidate) : (candidate, typed);
        for (var i = 1; i < longer.Length; i++)
            if (longer[i] == longer[i - 1] && string.CompareOrdinal(longer.Remove(i, 1), shorter) == 0) return true;
        return false;
    }

    private static string SortedLetters(string word)
    {
        var letters = word.ToCharArray();
        Array.Sort(letters);
        return new string(letters);
    }

    // Keep the user's capitalisation: "TEH" → "THE", "Teh" → "The", "teh" → "the".
    private static string MatchCase(string typed, string candidate)
    {
        if (typed.Length > 1 && typed.All(c => !char.IsLetter(c) || char.IsUpper(c))) return candidate.ToUpperInvariant();
        if (char.IsUpper(typed[0])) return char.ToUpperInvariant(candidate[0]) + candidate[1..];
        return candidate;
    }

    private static HashSet<string> SplitWords(IEnumerable<string> entries) =>
        new(entries.SelectMany(e => WordPattern().Matches(e).Select(m => HunspellDictionary.Normalize(m.Value))), StringComparer.Ordinal);

    // Letters and digits with inner apostrophes ("dog's"); hyphens split words, as each part is spelled on its own.
    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
