using System.Globalization;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// The set of valid word forms of a Hunspell .aff/.dic pair: every stem plus the forms its prefix and suffix
/// flags generate (and prefix+suffix combinations where both classes allow cross products). Lookups ignore case.
/// </summary>
/// <remarks>
/// Deliberately partial: compound words (COMPOUNDRULE, COMPOUNDFLAG...), continuation classes on affixes
/// ("add/FLAGS"), conversion tables (ICONV/OCONV, except that ’ is read as '), and suggestion tables (REP, MAP)
/// are ignored. Stems flagged NEEDAFFIX or ONLYINCOMPOUND are valid only with an affix; FORBIDDENWORD stems are
/// invalid; NOSUGGEST forms are accepted but never proposed as corrections.
/// </remarks>
public sealed class HunspellDictionary
{
    /// <summary>Where Debian's hunspell-* packages put their dictionaries.</summary>
    public const string DefaultDirectory = "/usr/share/hunspell";

    private readonly HashSet<string> _known;
    private readonly HashSet<string> _suggestable;

    private HunspellDictionary(HashSet<string> known, HashSet<string> suggestable)
    {
        _known = known;
        _suggestable = suggestable;
    }

    /// <summary>Loads <paramref name="language"/>.aff and .dic (e.g. "en_US") from <paramref name="directory"/> (default <see cref="DefaultDirectory"/>).</summary>
    /// <exception cref="LexiconNotFoundException">Either file is missing.</exception>
    /// <exception cref="LexiconFormatException">A line cannot be read.</exception>
    public static HunspellDictionary LoadLanguage(string language = "en_US", string? directory = null)
    {
        var dir = directory ?? DefaultDirectory;
        return Load(Path.Combine(dir, language + ".aff"), Path.Combine(dir, language + ".dic"));
    }

    /// <summary>Loads an affix file and its dictionary, decoding both with the .aff's SET character set.</summary>
    /// <exception cref="LexiconNotFoundException">Either file is missing.</exception>
    /// <exception cref="LexiconFormatException">A line cannot be read, or the character set is unsupported.</exception>
    public static HunspellDictionary Load(string affPath, string dicPath)
    {
        if (!File.Exists(affPath)) throw new LexiconNotFoundException(Path.GetFullPath(affPath), "Hunspell affix file");
        if (!File.Exists(dicPath)) throw new LexiconNotFoundException(Path.GetFullPath(dicPath), "Hunspell dictionary file");
        var aff = HunspellAffixFile.Load(affPath);
        var lines = HunspellAffixFile.ReadLines(File.ReadAllBytes(dicPath), aff.Encoding);
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0 || !int.TryParse(lines[first].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var declared))
            throw new LexiconFormatException(dicPath, first + 1, "the first line of a .dic file must be its approximate word count");

        var known = new HashSet<string>(declared * 2, StringComparer.Ordinal);
        var noSuggest = new HashSet<string>(StringComparer.Ordinal);
        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        var forms = new List<string>();
        for (var n = first + 1; n < lines.Length; n++)
        {
            // Lines starting with a tab are comments in Hunspell dictionaries.
            if (lines[n].Length == 0 || lines[n][0] == '\t' || lines[n].Trim().Length == 0) continue;
            var (word, flagField) = SplitEntry(lines[n].Trim());
            string[] flags;
            try
            {
                flags = aff.ParseFlags(flagField);
            }
            catch (FormatException e)
            {
                throw new LexiconFormatException(dicPath, n + 1, e.Message, e);
            }
            if (Has(flags, aff.ForbiddenFlag))
            {
                forbidden.Add(Normalize(word));
                continue;
            }
            forms.Clear();
            Expand(aff, word, flags, forms);
            var target = Has(flags, aff.NoSuggestFlag) ? noSuggest : known;
            foreach (var form in forms) target.Add(Normalize(form));
        }

        known.ExceptWith(forbidden);
        noSuggest.ExceptWith(forbidden);
        var suggestable = new HashSet<string>(known, StringComparer.Ordinal);
        suggestable.ExceptWith(noSuggest);
        known.UnionWith(noSuggest);
        return new HunspellDictionary(known, suggestable);
    }

    /// <summary>Number of distinct valid forms (lower-cased).</summary>
    public int Count => _known.Count;

    /// <summary>Every valid form, lower-cased, in no particular order.</summary>
    public IReadOnlyCollection<string> Words => _known;

    /// <summary>Forms that may be proposed as corrections (lower-cased): all but NOSUGGEST ones.</summary>
    internal IReadOnlyCollection<string> SuggestableWords => _suggestable;

    /// <summary>Whether <paramref name="word"/> is a valid form, ignoring case; a typographic apostrophe counts as '.</summary>
    public bool Contains(string word) => _known.Contains(Normalize(word));

    internal static string Normalize(string word) => word.Replace('’', '\'').ToLowerInvariant();

    private static bool Has(string[] flags, string? flag) => flag is not null && Array.IndexOf(flags, flag) >= 0;

    // "word/FLAGS morph-fields": the first unescaped '/' ends the word; whitespace ends the flags.
    private static (string Word, string Flags) SplitEntry(string line)
    {
        var slash = -1;
        for (var i = 1; i < line.Length; i++)
        {
            if (line[i] == '/' && line[i - 1] != '\\') { slash = i; break; }
            if (char.IsWhiteSpace(line[i])) break;
        }
        if (slash < 0)
        {
            var end = line.IndexOfAny([' ', '\t']);
            return ((end < 0 ? line : line[..end]).Replace("\\/", "/"), "");
        }
        var rest = line[(slash + 1)..];
        var flagsEnd = rest.IndexOfAny([' ', '\t']);
        return (line[..slash].Replace("\\/", "/"), flagsEnd < 0 ? rest : rest[..flagsEnd]);
    }

    private static void Expand(HunspellAffixFile aff, string stem, string[] flags, List<string> forms)
    {
        if (!Has(flags, aff.NeedAffixFlag) && !Has(flags, aff.OnlyInCompoundFlag)) forms.Add(stem);
        var prefixes = flags.Select(f => aff.Prefixes.GetValueOrDefault(f)).OfType<AffixClass>().ToList();
        foreach (var flag in flags)
        {
            if (!aff.Suffixes.TryGetValue(flag, out var suffix)) continue;
            foreach (var rule in suffix.Rules)
            {
                if (rule.ApplySuffix(stem) is not { } suffixed) continue;
                forms.Add(suffixed);
                if (!suffix.CrossProduct) continue;
                foreach (var prefix in prefixes.Where(p => p.CrossProduct))
                {
                    foreach (var prefixRule in prefix.Rules)
                    {
                        if (prefixRule.ApplyPrefix(suffixed) is { } both) forms.Add(both);
                    }
                }
            }
        }
        foreach (var prefix in prefixes)
        {
            foreach (var rule in prefix.Rules)
            {
                if (rule.ApplyPrefix(stem) is { } prefixed) forms.Add(prefixed);
            }
        }
    }
}
