namespace ResearchKit.Models;

/// <summary>Runs a text tower on token ids.</summary>
public interface ITextEncoder : IDisposable
{
    /// <summary>Length of the vectors this encoder returns.</summary>
    int Dimension { get; }

    /// <summary>Sequence length the tower expects (the tokenizer's context length).</summary>
    int ContextLength { get; }

    /// <summary>Embeds a batch of id sequences, each exactly <see cref="ContextLength"/> long.</summary>
    EmbeddingBatch Encode(IReadOnlyList<int[]> tokenIds, CancellationToken cancellationToken = default);
}
