namespace ResearchKit.Text;

/// <summary>
/// A model's own tokenizer: turns text into the fixed-length id sequence the text encoder was trained on
/// (special tokens added, truncated and padded exactly as the reference implementation does).
/// </summary>
public interface ITextTokenizer
{
    /// <summary>Length of every id sequence <see cref="Encode"/> returns.</summary>
    int ContextLength { get; }

    /// <summary>Token ids for <paramref name="text"/>, always exactly <see cref="ContextLength"/> long.</summary>
    int[] Encode(string text);
}
