namespace ResearchKit.Embeddings;

/// <summary>Tuning of <see cref="ImageBatchEmbedder"/>.</summary>
public sealed record BatchEmbeddingOptions
{
    /// <summary>Images per encoder call; null (the default) chooses it by measurement during the first batches (<see cref="ThroughputTuner"/>).</summary>
    public int? BatchSize { get; init; }

    /// <summary>Files decoded and preprocessed at once while the encoder runs; null (the default) chooses it by measurement.</summary>
    public int? DecodeParallelism { get; init; }

    /// <summary>Bounds of the measured choice.</summary>
    public ThroughputTuningOptions Tuning { get; init; } = ThroughputTuningOptions.Default;

    /// <summary>Told the plan once the batch size is settled (e.g. to log it).</summary>
    public Action<ThroughputPlan>? OnPlan { get; init; }

    /// <summary>Optional cache consulted by content hash before decoding.</summary>
    public EmbeddingCache? Cache { get; init; }
}
