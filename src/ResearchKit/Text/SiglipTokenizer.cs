using System.Text.RegularExpressions;

namespace ResearchKit.Text;

/// <summary>
/// SigLIP's tokenizer as transformers' <c>SiglipTokenizer</c> runs it: ASCII punctuation removed,
/// whitespace runs collapsed, trimmed, lowercased, SentencePiece unigram encoding, <c>&lt;/s&gt;</c>
/// appended, padded with <c>&lt;/s&gt;</c> to the context length (SigLIP was trained with max-length
/// padding, and pads with the end token rather than a pad token).
/// </summary>
public sealed partial class SiglipTokenizer : ITextTokenizer
{
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private readonly SentencePieceNormalizer _normalizer;
    private readonly UnigramSegmenter _segmenter;
    private readonly int _eosId;

    private SiglipTokenizer(SentencePieceModel model, int contextLength)
    {
        _normalizer = new SentencePieceNormalizer(model);
        _segmenter = new UnigramSegmenter(model);
        _eosId = model.EosId;
        ContextLength = contextLength;
    }

    public int ContextLength { get; }

    /// <summary>Loads <c>spiece.model</c>.</summary>
    /// <exception cref="TokenizerLoadException">Missing, empty or corrupt file, or not a unigram model.</exception>
    public static SiglipTokenizer FromFile(string spieceModelPath, int contextLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        var model = SentencePieceModel.Read(spieceModelPath);
        if (model.ModelType != 1)
            throw new TokenizerLoadException(spieceModelPath, "SigLIP needs a SentencePiece unigram model, but this one is BPE (a SigLIP 2 / Gemma tokenizer?).");
        if (model.EosId < 0 || model.EosId >= model.Pieces.Count)
            throw new TokenizerLoadException(spieceModelPath, "the model defines no end-of-sentence piece, which SigLIP appends and pads with.");
        return new SiglipTokenizer(model, contextLength);
    }

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var canonical = new string([.. text.Where(c => !AsciiPunctuation.Contains(c))]);
        canonical = Whitespace().Replace(canonical, " ").Trim().ToLowerInvariant().Replace('\u2581', ' ');
        var ids = _segmenter.Encode(_normalizer.Normalize(canonical));
        return FixedLengthIds.Frame(ids, ContextLength, start: null, end: _eosId, pad: _eosId);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
