namespace ResearchKit.Text;

/// <summary>
/// Truncation as tokenizer.json's "truncation" field and the Rust library's <c>enable_truncation</c> define it:
/// the encoded text is cut so that, with the post-processor's special tokens, at most <paramref name="MaxLength"/> ids remain.
/// </summary>
public sealed record TokenizerTruncation(int MaxLength, TokenizerDirection Direction = TokenizerDirection.Right);
