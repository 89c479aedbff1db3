using Microsoft.ML.Tokenizers;

namespace ResearchKit.Text;

/// <summary>
/// SigLIP 2's text side: Gemma's SentencePiece BPE with byte fallback (Microsoft.ML.Tokenizers encodes
/// it exactly), with SigLIP 2's settings: text lowercased, no start token, end token appended,
/// right-padded with the pad id to the context length.
/// </summary>
public sealed class GemmaTokenizer : ITextTokenizer
{
    private readonly SentencePieceTokenizer _tokenizer;
    private readonly int _eosId;
    private readonly int _padId;

    private GemmaTokenizer(SentencePieceTokenizer tokenizer, int eosId, int padId, int contextLength)
    {
        _tokenizer = tokenizer;
        _eosId = eosId;
        _padId = padId;
        ContextLength = contextLength;
    }

    public int ContextLength { get; }

    /// <summary>Loads Gemma's SentencePiece <c>tokenizer.model</c> (or any SentencePiece BPE model in its layout).</summary>
    /// <exception cref="TokenizerLoadException">Missing or corrupt file, a tokenizer.json, or not a BPE model.</exception>
    public static GemmaTokenizer FromFile(string path, int contextLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new TokenizerLoadException(path, "ResearchKit reads Gemma's SentencePiece tokenizer.model, not tokenizer.json; download tokenizer.model from the model's repository into the same folder.");
        var model = SentencePieceModel.Read(path);
        if (model.ModelType != 2)
            throw new TokenizerLoadException(path, "SigLIP 2 needs Gemma's SentencePiece BPE model, but this one is unigram (a SigLIP 1 spiece.model?).");
        try
        {
            using var stream = File.OpenRead(path);
            var tokenizer = SentencePieceTokenizer.Create(stream, false, false);
            return new GemmaTokenizer(tokenizer, model.EosId, Math.Max(model.PadId, 0), contextLength);
        }
        catch (Exception e) when (e is not TokenizerLoadException and (ArgumentException or InvalidOperationException or IOException or IndexOutOfRangeException))
        {
            throw new TokenizerLoadException(path, $"the SentencePiece BPE model could not be loaded ({e.Message}).", e);
        }
    }

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text.ToLowerInvariant());
        return FixedLengthIds.Frame(ids, ContextLength, start: null, end: _eosId, pad: _padId);
    }
}
