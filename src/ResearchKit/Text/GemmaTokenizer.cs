namespace ResearchKit.Text;

/// <summary>
/// SigLIP 2's text side: Gemma's BPE with byte fallback, with SigLIP 2's settings: text lowercased, no start
/// token, end token appended, right-padded with the pad id to the context length. The model comes from Gemma's
/// SentencePiece <c>tokenizer.model</c> (our SentencePiece BPE encoder, which applies the model's normalizer rules) or its <c>tokenizer.json</c>.
/// </summary>
public sealed class GemmaTokenizer : ITextTokenizer
{
    private readonly Func<string, IReadOnlyList<int>> _encode;
    private readonly int _eosId;
    private readonly int _padId;

    private GemmaTokenizer(Func<string, IReadOnlyList<int>> encode, int eosId, int padId, int contextLength)
    {
        _encode = encode;
        _eosId = eosId;
        _padId = padId;
        ContextLength = contextLength;
    }

    public int ContextLength { get; }

    /// <summary>Loads Gemma's SentencePiece <c>tokenizer.model</c>, or its <c>tokenizer.json</c> when the path ends in .json.</summary>
    /// <exception cref="TokenizerLoadException">Missing or corrupt file, or not a BPE model.</exception>
    public static GemmaTokenizer FromFile(string path, int contextLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) return FromTokenizerJson(path, contextLength);
        var model = SentencePieceModel.Read(path);
        if (model.ModelType != 2)
            throw new TokenizerLoadException(path, "SigLIP 2 needs Gemma's SentencePiece BPE model, but this one is unigram (a SigLIP 1 spiece.model?).");
        var bpe = new SentencePieceBpe(model);
        return new GemmaTokenizer(bpe.Encode, model.EosId, Math.Max(model.PadId, 0), contextLength);
    }

    /// <summary>Loads Gemma's <c>tokenizer.json</c> (a BPE model); the end token is &lt;eos&gt; (or &lt;/s&gt;), the pad token &lt;pad&gt; (else id 0).</summary>
    /// <exception cref="TokenizerLoadException">Missing or unreadable file, a Unigram model, or no end token.</exception>
    public static GemmaTokenizer FromTokenizerJson(string path, int contextLength = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(contextLength, 2);
        // SigLIP 2's framing (no <bos>, <eos> appended, fixed padding) replaces the file's template, truncation and padding.
        var json = TokenizerJson.Load(path).WithTruncation(null).WithPadding(null);
        if (json.Model != TokenizerModelKind.Bpe)
            throw new TokenizerLoadException(path, "SigLIP 2 needs Gemma's BPE tokenizer.json, but this one is Unigram (a SigLIP 1 tokenizer?).");
        var eos = json.TokenToId("<eos>") ?? json.TokenToId("</s>")
            ?? throw new TokenizerLoadException(path, "the tokenizer has neither <eos> nor </s>, the end token SigLIP 2 appends; it is not a Gemma tokenizer.");
        return new GemmaTokenizer(text => json.Encode(text, addSpecialTokens: false), eos, json.TokenToId("<pad>") ?? 0, contextLength);
    }

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return FixedLengthIds.Frame(_encode(UnicodeCase.ToLower(text)), ContextLength, start: null, end: _eosId, pad: _padId);
    }
}
