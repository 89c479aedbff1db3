namespace ResearchKit.Embeddings;

/// <summary>Bounds of the measured choice of batch size and decode workers (<see cref="ThroughputTuner"/>).</summary>
public sealed record ThroughputTuningOptions
{
    /// <summary>Largest batch the tuner tries; growth stops here even when it still pays.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>Most bytes of input tensors in one batch (4 bytes a value): high-resolution models stop growing sooner.</summary>
    public long MaxBatchBytes { get; init; } = 256L << 20;

    /// <summary>Share by which doubling the batch must cut inference time per image to be kept (0.1: 10% faster).</summary>
    public double MinGain { get; init; } = 0.10;

    /// <summary>Full-size batches timed at each size; the fastest counts, so a first run's allocations do not decide.</summary>
    public int SamplesPerSize { get; init; } = 2;

    /// <summary>How far decoding should outrun inference: workers are sized to feed this multiple of the inference rate.</summary>
    public double DecodeHeadroom { get; init; } = 1.25;

    /// <summary>Cores decoding and inference share; decode workers never exceed it.</summary>
    public int Cores { get; init; } = Environment.ProcessorCount;

    public static ThroughputTuningOptions Default { get; } = new();
}
