using System.Globalization;
using System.Text;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// The parts of a Hunspell .aff file needed to list a dictionary's word forms: the character set, the flag
/// format, flag aliases (AF), prefix and suffix classes, and the NEEDAFFIX / ONLYINCOMPOUND / FORBIDDENWORD /
/// NOSUGGEST flags. Compounding, REP/MAP suggestion tables, continuation classes and the rest are skipped.
/// </summary>
internal sealed class HunspellAffixFile
{
    private readonly List<string[]> _aliases = [];
    private string _flagFormat = "char";
    private bool _aliasCountSeen;

    private HunspellAffixFile(Encoding encoding) => Encoding = encoding;

    /// <summary>Decoding of both .aff and .dic, from the SET line (ISO8859-1 when absent, as in Hunspell).</summary>
    public Encoding Encoding { get; }

    public Dictionary<string, AffixClass> Prefixes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, AffixClass> Suffixes { get; } = new(StringComparer.Ordinal);

    public string? NeedAffixFlag { get; private set; }

    public string? OnlyInCompoundFlag { get; private set; }

    public string? ForbiddenFlag { get; private set; }

    public string? NoSuggestFlag { get; private set; }

    public static HunspellAffixFile Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var file = new HunspellAffixFile(DetectEncoding(bytes, path));
        var lines = ReadLines(bytes, file.Encoding);
        var pending = new Dictionary<(string Kind, string Flag), int>();
        for (var n = 0; n < lines.Length; n++)
        {
            var fields = lines[n].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#')) continue;
            try
            {
                file.ReadLine(fields, pending);
            }
            catch (FormatException e)
            {
                throw new LexiconFormatException(path, n + 1, e.Message, e);
            }
        }
        return file;
    }

    /// <summary>The character set named by the SET line of an .aff file's raw bytes.</summary>
    public static Encoding DetectEncoding(byte[] affBytes, string path)
    {
        // Every supported charset is ASCII-compatible, so the SET line reads correctly as Latin-1 before we know.
        foreach (var line in Encoding.Latin1.GetString(affBytes).Split('\n'))
        {
            var fields = line.Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0].TrimStart('\uFEFF', 'ï', '»', '¿') != "SET") continue;
            return fields[1].ToUpperInvariant() switch
            {
                "UTF-8" or "UTF8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
                "ISO8859-1" or "ISO-8859-1" or "ISO_8859-1" or "LATIN1" or "US-ASCII" or "ASCII" => Encoding.Latin1,
                _ => throw new LexiconFormatException(path, 0,
                    $"character set '{fields[1]}' is not supported (only UTF-8 and ISO8859-1). Convert the .aff and .dic " +
                    $"with 'iconv -f {fields[1]} -t UTF-8' and change the SET line to 'SET UTF-8'"),
            };
        }
        return Encoding.Latin1;
    }

    /// <summary>Lines of <paramref name="bytes"/> decoded with <paramref name="encoding"/>, without a BOM or '\r'.</summary>
    public static string[] ReadLines(byte[] bytes, Encoding encoding) =>
        encoding.GetString(bytes).TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Splits a flag field into flags per the FLAG format, resolving AF alias numbers.</summary>
    public string[] ParseFlags(string field)
    {
        if (field.Length == 0) return [];
        if (_aliases.Count > 0 && int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var alias))
        {
            if (alias < 1 || alias > _aliases.Count) throw new FormatException($"flag alias {alias} is not among the {_aliases.Count} AF lines");
            return _aliases[alias - 1];
        }
        return SplitFlags(field);
    }

    private string[] SplitFlags(string field) => _flagFormat switch
    {
        "long" => Enumerable.Range(0, (field.Length + 1) / 2).Select(i => field.Substring(2 * i, Math.Min(2, field.Length - 2 * i))).ToArray(),
        "num" => field.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        // "char" and "UTF-8": one flag per character; enumerating runes keeps astral-plane flags whole.
        _ => field.EnumerateRunes().Select(r => r.ToString()).ToArray(),
    };

    private void ReadLine(string[] fields, Dictionary<(string Kind, string Flag), int> pending)
    {
        switch (fields[0])
        {
            case "FLAG" when fields.Length > 1:
                _flagFormat = fields[1] is "long" or "num" or "UTF-8" ? fields[1] : throw new FormatException($"unknown FLAG type '{fields[1]}'");
                break;
            case "AF" when fields.Length > 1:
                // The first AF line only announces how many alias lines follow.
                if (_aliasCountSeen) _aliases.Add(SplitFlags(fields[1]));
                _aliasCountSeen = true;
                break;
            case "NEEDAFFIX" or "PSEUDOROOT" when fields.Length > 1:
                NeedAffixFlag = fields[1];
                break;
            case "ONLYINCOMPOUND" when fields.Length > 1:
                OnlyInCompoundFlag = fields[1];
                break;
            case "FORBIDDENWORD" when fields.Length > 1:
                ForbiddenFlag = fields[1];
                break;
            case "NOSUGGEST" when fields.Length > 1:
                NoSuggestFlag = fields[1];
                break;
            case "PFX" or "SFX":
                ReadAffixLine(fields, pending);
                break;
        }
    }

    // "SFX flag cross_product count" opens a class; the next `count` lines for that flag are its rules.
    private void ReadAffixLine(string[] fields, Dictionary<(string Kind, string Flag), int> pending)
    {
        if (fields.Length < 4) throw new FormatException($"{fields[0]} line needs at least 4 fields: '{string.Join(' ', fields)}'");
        var isSuffix = fields[0] == "SFX";
        var classes = isSuffix ? Suffixes : Prefixes;
        var key = (fields[0], fields[1]);
        if (pending.GetValueOrDefault(key) == 0)
        {
            if (!int.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new FormatException($"{fields[0]} header for flag '{fields[1]}' has count '{fields[3]}', not a number");
            pending[key] = count;
            classes[fields[1]] = new AffixClass(fields[1], isSuffix, fields[2] == "Y", []);
            return;
        }
        pending[key]--;
        var strip = fields[2] == "0" ? "" : fields[2];
        // "add/FLAGS" names continuation classes (affixes on affixes); those are not expanded.
        var add = fields[3].Split('/')[0];
        if (add == "0") add = "";
        var condition = fields.Length > 4 ? fields[4] : ".";
        classes[fields[1]].Rules.Add(new AffixRule(strip, add, AffixCondition.Parse(condition)));
    }
}
