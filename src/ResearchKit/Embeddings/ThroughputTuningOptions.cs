namespace ResearchKit.Embeddings;

/// <summary>Bounds of the measured choice of batch size and decode workers (<see cref="ThroughputTuner"/>).</summary>
public sealed record ThroughputTuningOptions
{
    /// <summary>Largest batch the tuner tries; growth stops here even when it still pays.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>Most bytes of input tensors in one batch (4 bytes a value): high-resolution models stop growing sooner.</summary>
    public long MaxBatchBytes { get; init; } = 256L << 20;

    /// <summary>Share by which a larger batch must raise the pipeline's images per second to count as better (0.1: 10% more).</summary>
    public double MinGain { get; init; } = 0.10;

    /// <summary>
    /// Wall time each size is timed for (at least one batch): small fast batches are noisy, so they are timed over
    /// many calls, while a large model's single batch already takes this long.
    /// </summary>
    public TimeSpan MinTimedPerSize { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Doublings in a row that may fail to beat the best size by <see cref="MinGain"/> before growth stops (one noisy size does not end it).</summary>
    public int Patience { get; init; } = 3;

    /// <summary>How far decoding should outrun inference: workers are sized to feed this multiple of the inference rate.</summary>
    public double DecodeHeadroom { get; init; } = 1.25;

    /// <summary>Cores decoding and inference share; decode workers never exceed it.</summary>
    public int Cores { get; init; } = Environment.ProcessorCount;

    public static ThroughputTuningOptions Default { get; } = new();
}
