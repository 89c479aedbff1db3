using System.Text.RegularExpressions;

namespace ResearchKit.Text;

/// <summary>
/// SigLIP's tokenizer as transformers' <c>SiglipTokenizer</c> runs it: ASCII punctuation removed,
/// whitespace runs collapsed, trimmed, lowercased, SentencePiece unigram encoding, <c>&lt;/s&gt;</c>
/// appended, padded with <c>&lt;/s&gt;</c> to the context length (SigLIP was trained with max-length
/// padding, and pads with the end token rather than a pad token). The unigram model comes from
/// <c>spiece.model</c> or from a tokenizer.json with the same model (Xenova's and Immich's exports).
/// </summary>
public sealed partial class SiglipTokenizer : ITextTokenizer
{
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private readonly Func<string, IReadOnlyList<int>> _encode;
    private readonly int _eosId;

    private SiglipTokenizer(Func<string, IReadOnlyList<int>> encode, int eosId, int contextLength)
    {
        _encode = encode;
        _eosId = eosId;
        ContextLength = contextLength;
    }

    public int ContextLength { get; }

    /// <summary>Loads <c>spiece.model</c>, or a SigLIP <c>tokenizer.json</c> when the path ends in .json.</summary>
    /// <exception cref="TokenizerLoadException">Missing, empty or corrupt file, or not a unigram model.</exception>
    public static SiglipTokenizer FromFile(string path, int contextLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return FromTokenizerJson(path, contextLength);
        var model = SentencePieceModel.Read(path);
        if (model.ModelType != 1)
            throw new TokenizerLoadException(path, "SigLIP needs a SentencePiece unigram model, but this one is BPE (a SigLIP 2 / Gemma tokenizer?).");
        if (model.EosId < 0 || model.EosId >= model.Pieces.Count)
            throw new TokenizerLoadException(path, "the model defines no end-of-sentence piece, which SigLIP appends and pads with.");
        var normalizer = new SentencePieceNormalizer(model);
        var segmenter = UnigramSegmenter.FromSentencePiece(model);
        return new SiglipTokenizer(text => segmenter.Encode(normalizer.Normalize(text)), model.EosId, contextLength);
    }

    /// <summary>Loads a SigLIP <c>tokenizer.json</c> (a Unigram model); the end token is the template's last special token, else &lt;/s&gt;.</summary>
    /// <exception cref="TokenizerLoadException">Missing or unreadable file, a BPE model, or no end token.</exception>
    public static SiglipTokenizer FromTokenizerJson(string path, int contextLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        // The file's own truncation and padding would fight SigLIP's fixed framing; the framing below replaces them.
        var json = TokenizerJson.Load(path).WithTruncation(null).WithPadding(null);
        if (json.Model != TokenizerModelKind.Unigram)
            throw new TokenizerLoadException(path, "SigLIP needs a Unigram (SentencePiece) tokenizer.json, but this one is BPE (a SigLIP 2 / Gemma tokenizer?).");
        var eos = json.SuffixSpecialIds.Count > 0 ? json.SuffixSpecialIds[^1] : json.TokenToId("</s>")
            ?? throw new TokenizerLoadException(path, "the tokenizer has no end token (no \"$A </s>\" template and no </s> in the vocabulary), which SigLIP appends and pads with.");
        return new SiglipTokenizer(text => json.Encode(text, addSpecialTokens: false), eos, contextLength);
    }

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FixedLengthIds.Frame(_encode(Canonicalize(text)), ContextLength, start: null, end: _eosId, pad: _eosId);
    }

    /// <summary>
    /// What transformers' SiglipTokenizer hands to SentencePiece: ASCII punctuation removed, whitespace runs
    /// collapsed, trimmed, lowercased (Python's <c>str.lower</c>), and "▁" read as a space.
    /// </summary>
    internal static string Canonicalize(string text)
    {
        var canonical = new string([.. text.Where(c => !AsciiPunctuation.Contains(c))]);
        return UnicodeCase.ToLower(Whitespace().Replace(canonical, " ").Trim()).Replace('\u2581', ' ');
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
