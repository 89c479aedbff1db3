namespace ResearchKit.Text;

/// <summary>
/// Padding as tokenizer.json's "padding" field and the Rust library's <c>enable_padding</c> define it: ids are
/// filled with <paramref name="PadId"/> up to <paramref name="Length"/> (null: no fixed length), then up to a
/// multiple of <paramref name="MultipleOf"/> when set. Longer sequences are left as they are.
/// </summary>
public sealed record TokenizerPadding(int? Length, int PadId, string PadToken = "", TokenizerDirection Direction = TokenizerDirection.Right, int? MultipleOf = null);
