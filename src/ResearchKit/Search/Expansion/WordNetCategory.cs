using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// The index, data and exception files of one part of speech. The index is parsed into a dictionary; the
/// data file is held as raw bytes so a synset costs one parse at its byte offset, the first time it is asked for.
/// </summary>
internal sealed class WordNetCategory
{
    private readonly Dictionary<string, long[]> _index;
    private readonly Dictionary<string, string[]> _exceptions;
    private readonly byte[] _data;
    private readonly string _dataPath;
    private readonly ConcurrentDictionary<long, Synset> _synsets = new();

    private WordNetCategory(Dictionary<string, long[]> index, Dictionary<string, string[]> exceptions, byte[] data, string dataPath)
    {
        _index = index;
        _exceptions = exceptions;
        _data = data;
        _dataPath = dataPath;
    }

    public static string FileSuffix(PartOfSpeech pos) => pos switch
    {
        PartOfSpeech.Noun => "noun",
        PartOfSpeech.Verb => "verb",
        PartOfSpeech.Adjective => "adj",
        _ => "adv",
    };

    public static WordNetCategory Load(string directory, PartOfSpeech pos)
    {
        var suffix = FileSuffix(pos);
        var indexPath = Path.Combine(directory, "index." + suffix);
        var dataPath = Path.Combine(directory, "data." + suffix);
        var exceptionPath = Path.Combine(directory, suffix + ".exc");
        var index = ReadIndex(indexPath);
        var data = File.ReadAllBytes(dataPath);
        // Exception lists are optional in practice (adv.exc is nearly empty); without one only the detachment rules apply.
        var exceptions = File.Exists(exceptionPath) ? ReadExceptions(exceptionPath) : new Dictionary<string, string[]>();
        return new WordNetCategory(index, exceptions, data, dataPath);
    }

    public bool Contains(string lemma) => _index.ContainsKey(lemma);

    public IReadOnlyList<long> Offsets(string lemma) => _index.TryGetValue(lemma, out var offsets) ? offsets : [];

    public IReadOnlyList<string> ExceptionBases(string inflected) =>
        _exceptions.TryGetValue(inflected, out var bases) ? bases : [];

    public Synset Synset(PartOfSpeech pos, long offset) => _synsets.GetOrAdd(offset, o => ParseSynset(pos, o));

    private static Dictionary<string, long[]> ReadIndex(string path)
    {
        var index = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            lineNumber++;
            if (IsHeaderOrBlank(line)) continue;
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
            if (fields.Length < 6 || !int.TryParse(fields[2], out var synsetCount) || !int.TryParse(fields[3], out var pointerCount))
                throw new LexiconFormatException(path, lineNumber, "expected 'lemma pos synset_cnt p_cnt ...' in an index line");
            var first = 4 + pointerCount + 2;
            if (synsetCount < 1 || fields.Length < first + synsetCount)
                throw new LexiconFormatException(path, lineNumber, $"index line for '{fields[0]}' lists fewer than its {synsetCount} synset offsets");
            var offsets = new long[synsetCount];
            for (var i = 0; i < synsetCount; i++)
            {
                if (!long.TryParse(fields[first + i], NumberStyles.None, CultureInfo.InvariantCulture, out offsets[i]))
                    throw new LexiconFormatException(path, lineNumber, $"synset offset '{fields[first + i]}' is not a number");
            }
            index[fields[0]] = offsets;
        }
        return index;
    }

    private static Dictionary<string, string[]> ReadExceptions(string path)
    {
        var exceptions = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path, Encoding.Latin1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) continue;
            exceptions[fields[0]] = exceptions.TryGetValue(fields[0], out var earlier) ? [.. earlier, .. fields[1..]] : fields[1..];
        }
        return exceptions;
    }

    // The licence text at the top of every wndb file is indented by two spaces; real entries never are.
    private static bool IsHeaderOrBlank(string line) => line.Length == 0 || line.StartsWith("  ", StringComparison.Ordinal);

    private Synset ParseSynset(PartOfSpeech pos, long offset)
    {
        if (offset < 0 || offset >= _data.Length)
            throw new LexiconFormatException(_dataPath, 0, $"synset offset {offset} lies beyond the end of the file ({_data.Length} bytes)");
        var end = Array.IndexOf(_data, (byte)'\n', (int)offset);
        if (end < 0) end = _data.Length;
        var line = Encoding.Latin1.GetString(_data, (int)offset, end - (int)offset).TrimEnd('\r');
        try
        {
            return ParseDataLine(pos, offset, line);
        }
        catch (FormatException e)
        {
            throw new LexiconFormatException(_dataPath, 0, $"synset at byte offset {offset}: {e.Message}", e);
        }
    }

    // offset lex_filenum ss_type w_cnt(hex) [word lex_id(hex)]... p_cnt [symbol offset pos source/target(hex)]... [frames] | gloss
    private static Synset ParseDataLine(PartOfSpeech pos, long offset, string line)
    {
        var bar = line.IndexOf(" | ", StringComparison.Ordinal);
        var gloss = bar < 0 ? "" : line[(bar + 3)..].TrimEnd();
        var fields = (bar < 0 ? line : line[..bar]).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 4 || !long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var stated) || stated != offset)
            throw new FormatException("the line there does not start with that offset; the index and data files do not belong together");
        var wordCount = int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var at = 4;
        var words = new string[wordCount];
        for (var i = 0; i < wordCount; i++, at += 2)
            words[i] = StripAdjectiveMarker(Field(fields, at));
        var pointerCount = int.Parse(Field(fields, at++), NumberStyles.None, CultureInfo.InvariantCulture);
        var pointers = new SynsetPointer[pointerCount];
        for (var i = 0; i < pointerCount; i++, at += 4)
        {
            var sourceTarget = Field(fields, at + 3);
            if (sourceTarget.Length != 4) throw new FormatException($"pointer source/target '{sourceTarget}' is not four hex digits");
            pointers[i] = new SynsetPointer(
                Field(fields, at),
                ParseSynsetType(Field(fields, at + 2)),
                long.Parse(Field(fields, at + 1), NumberStyles.None, CultureInfo.InvariantCulture),
                int.Parse(sourceTarget.AsSpan(0, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(sourceTarget.AsSpan(2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        }
        return new Synset(pos, offset, words, pointers, gloss);
    }

    private static string Field(string[] fields, int at) =>
        at < fields.Length ? fields[at] : throw new FormatException("the line ends before its word and pointer counts say it should");

    private static PartOfSpeech ParseSynsetType(string type) => type switch
    {
        "n" => PartOfSpeech.Noun,
        "v" => PartOfSpeech.Verb,
        "a" or "s" => PartOfSpeech.Adjective,
        "r" => PartOfSpeech.Adverb,
        _ => throw new FormatException($"unknown part of speech '{type}' in a pointer"),
    };

    // Adjectives may carry a syntactic marker, e.g. "galore(ip)"; it is not part of the lemma.
    private static string StripAdjectiveMarker(string word)
    {
        if (!word.EndsWith(')')) return word;
        var open = word.LastIndexOf('(');
        return open > 0 ? word[..open] : word;
    }
}
