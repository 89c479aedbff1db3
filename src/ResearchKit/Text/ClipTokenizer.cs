using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ResearchKit.IO;

namespace ResearchKit.Text;

/// <summary>
/// open_clip's <c>SimpleTokenizer</c> (CLIP byte-level BPE), used by EVA02-CLIP: HTML unescaped,
/// NFC, whitespace collapsed, lowercased, split by CLIP's pattern, BPE by merge rank with
/// <c>&lt;/w&gt;</c> on each word's last symbol, framed as <c>[sot] ids [eot]</c>, truncated so eot
/// stays last, padded with 0.
/// </summary>
public sealed partial class ClipTokenizer : ITextTokenizer
{
    private const string StartToken = "<|startoftext|>";
    private const string EndToken = "<|endoftext|>";
    private const int CacheLimit = 50_000;

    private readonly BpeMergeTable _merges;
    private readonly int[] _byteIds = new int[256];
    private readonly int[] _lastByteIds = new int[256];
    private readonly ConcurrentDictionary<string, int[]> _wordCache = new(StringComparer.Ordinal);
    private readonly int _sot;
    private readonly int _eot;

    private ClipTokenizer(Dictionary<string, int> vocab, List<(string, string)> merges, int contextLength, string source)
    {
        // Room for the start and end tokens, as the SigLIP and Gemma tokenizers require.
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        if (!vocab.TryGetValue(StartToken, out _sot) || !vocab.TryGetValue(EndToken, out _eot))
            throw new TokenizerLoadException(source, $"the vocabulary lacks {StartToken} or {EndToken}; it is not a CLIP vocabulary.");
        // A word starts as its byte symbols, the last one carrying </w>; all 512 must be in a CLIP vocabulary.
        for (var b = 0; b < 256; b++)
        {
            var symbol = ClipByteAlphabet.ByteToChar[b].ToString();
            if (!vocab.TryGetValue(symbol, out _byteIds[b]) || !vocab.TryGetValue(symbol + "</w>", out _lastByteIds[b]))
                throw new TokenizerLoadException(source, $"the vocabulary lacks the byte symbol '{symbol}' (or '{symbol}</w>'); it is not a CLIP byte-level vocabulary.");
        }
        _merges = BpeMergeTable.FromPairs(merges, vocab, source);
        ContextLength = contextLength;
    }

    public int ContextLength { get; }

    /// <summary>Hugging Face's <c>vocab.json</c> + <c>merges.txt</c> pair.</summary>
    public static ClipTokenizer FromVocabAndMerges(string vocabJsonPath, string mergesTxtPath, int contextLength = 77)
    {
        var vocab = ReadVocab(vocabJsonPath);
        var lines = ReadLines(mergesTxtPath);
        return new ClipTokenizer(vocab, ParseMerges(lines.Where(l => !l.StartsWith("#version", StringComparison.Ordinal)), mergesTxtPath), contextLength, vocabJsonPath);
    }

    /// <summary>A Hugging Face CLIP <c>tokenizer.json</c> (BPE model with vocab and merges).</summary>
    public static ClipTokenizer FromTokenizerJson(string tokenizerJsonPath, int contextLength = 77)
    {
        using var doc = ParseJson(tokenizerJsonPath);
        if (!doc.RootElement.TryGetProperty("model", out var model) || !model.TryGetProperty("vocab", out var vocabElement) || !model.TryGetProperty("merges", out var mergesElement))
            throw new TokenizerLoadException(tokenizerJsonPath, "tokenizer.json has no model.vocab / model.merges; it is not a BPE tokenizer.");
        var vocab = vocabElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
        // Older files store merges as "a b" strings, newer ones as ["a", "b"] pairs.
        var merges = mergesElement.EnumerateArray().Select((m, i) => BpeMergeTable.ReadRule(m)
            ?? throw new TokenizerLoadException(tokenizerJsonPath, $"model.merges[{i}] is neither \"left right\" nor [left, right]; re-download tokenizer.json.")).ToList();
        return new ClipTokenizer(vocab, merges, contextLength, tokenizerJsonPath);
    }

    /// <summary>
    /// open_clip's <c>bpe_simple_vocab_16e6.txt.gz</c>: a header line, then merges. The vocabulary is
    /// derived as open_clip does: byte symbols, the same with <c>&lt;/w&gt;</c>, one entry per merge, then sot and eot.
    /// </summary>
    public static ClipTokenizer FromOpenClipBpe(string bpeGzPath, int contextLength = 77)
    {
        string[] lines;
        try
        {
            using var gz = new GZipStream(File.OpenRead(bpeGzPath), CompressionMode.Decompress);
            using var reader = new StreamReader(gz, Encoding.UTF8);
            lines = reader.ReadToEnd().Split('\n');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TokenizerLoadException(bpeGzPath, "the BPE vocabulary file is missing; copy bpe_simple_vocab_16e6.txt.gz from open_clip.", e);
        }
        catch (InvalidDataException e)
        {
            throw new TokenizerLoadException(bpeGzPath, "not a gzip file; re-download bpe_simple_vocab_16e6.txt.gz.", e);
        }
        // open_clip keeps merges 1 .. 49152 - 256 - 2 (the vocabulary is 49408 entries).
        var count = Math.Min(lines.Length - 1, 49152 - 256 - 2);
        var merges = ParseMerges(lines.Skip(1).Take(count), bpeGzPath);
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in ClipByteAlphabet.ByteToChar) vocab.TryAdd(c.ToString(), vocab.Count);
        foreach (var c in ClipByteAlphabet.ByteToChar) vocab.TryAdd(c + "</w>", vocab.Count);
        foreach (var (a, b) in merges) vocab.TryAdd(a + b, vocab.Count);
        vocab.TryAdd(StartToken, vocab.Count);
        vocab.TryAdd(EndToken, vocab.Count);
        return new ClipTokenizer(vocab, merges, contextLength, bpeGzPath);
    }

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decoded = WebUtility.HtmlDecode(WebUtility.HtmlDecode(text));
        // A lone surrogate cannot be normalized; read it as UTF-8 decoding would, as U+FFFD.
        if (HasLoneSurrogate(decoded)) decoded = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(decoded));
        var clean = decoded.Normalize(NormalizationForm.FormC).Trim();
        clean = Whitespace().Replace(clean, " ").Trim().ToLowerInvariant();
        var ids = new List<int>();
        foreach (Match m in Words().Matches(clean))
            ids.AddRange(EncodeWord(m.Value));
        return FixedLengthIds.Frame(ids, ContextLength, start: _sot, end: _eot, pad: 0);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }

    private int[] EncodeWord(string word)
    {
        if (_wordCache.TryGetValue(word, out var cached)) return cached;
        var bytes = Encoding.UTF8.GetBytes(word);
        var symbols = new List<int>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++) symbols.Add(i == bytes.Length - 1 ? _lastByteIds[bytes[i]] : _byteIds[bytes[i]]);
        var ids = _merges.Apply(symbols);
        if (_wordCache.Count < CacheLimit) _wordCache.TryAdd(word, ids);
        return ids;
    }

    private static List<(string, string)> ParseMerges(IEnumerable<string> lines, string source)
    {
        var merges = new List<(string, string)>();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            var parts = line.Split(' ');
            if (parts.Length != 2)
                throw new TokenizerLoadException(source, $"merge rule '{line}' is not two symbols separated by one space.");
            merges.Add((parts[0], parts[1]));
        }
        return merges;
    }

    private static Dictionary<string, int> ReadVocab(string path)
    {
        using var doc = ParseJson(path);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new TokenizerLoadException(path, "vocab.json must be an object mapping tokens to ids.");
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
    }

    private static JsonDocument ParseJson(string path) => JsonFile.Parse(path, (problem, e) => new TokenizerLoadException(path, problem, e));

    private static string[] ReadLines(string path)
    {
        try
        {
            return File.ReadAllLines(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TokenizerLoadException(path, "the merges file is missing; copy merges.txt from the model's source repository.", e);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    // CLIP's split: special tokens, English contractions, letter runs, single digits, other symbol runs.
    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex Words();
}
