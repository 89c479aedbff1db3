namespace ResearchKit.Text;

/// <summary>The subword model of a tokenizer.json file.</summary>
public enum TokenizerModelKind
{
    /// <summary>SentencePiece unigram (SigLIP, T5): the best-scoring segmentation.</summary>
    Unigram,

    /// <summary>Byte-pair encoding by merge rank (Gemma, SigLIP 2), optionally with byte fallback.</summary>
    Bpe,
}
