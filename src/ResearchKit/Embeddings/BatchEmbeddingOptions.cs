namespace ResearchKit.Embeddings;

/// <summary>Tuning of <see cref="ImageBatchEmbedder"/>.</summary>
public sealed record BatchEmbeddingOptions
{
    /// <summary>Images per encoder call.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Files decoded and preprocessed at once while the encoder runs; defaults to the core count.</summary>
    public int DecodeParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Optional cache consulted by content hash before decoding.</summary>
    public EmbeddingCache? Cache { get; init; }
}
