namespace ResearchKit.Embeddings;

/// <summary>Settings of one indexing run.</summary>
public sealed record IndexOptions
{
    /// <summary>Space name; defaults to the model's name.</summary>
    public string? Space { get; init; }

    /// <summary>Images per encoder call; null (the default) chooses it by measurement during the first batches.</summary>
    public int? BatchSize { get; init; }

    /// <summary>Images embedded between commits: a killed run loses at most this much work.</summary>
    public int CommitEvery { get; init; } = 256;

    /// <summary>Files decoded at once while the encoder runs; null (the default) chooses it by measurement.</summary>
    public int? DecodeParallelism { get; init; }

    /// <summary>Bounds of the measured choice of batch size and workers.</summary>
    public ThroughputTuningOptions Tuning { get; init; } = ThroughputTuningOptions.Default;

    /// <summary>Told the batch size and worker count once chosen, with the measurements behind them (e.g. to print them).</summary>
    public Action<ThroughputPlan>? OnPlan { get; init; }

    /// <summary>
    /// Embed only this shard's items into the space's part for it, beside other shards running at the same time;
    /// null indexes the whole dataset (and merges the parts into one).
    /// </summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>How long to wait for another writer of the space; null waits as long as it takes.</summary>
    public TimeSpan? LockTimeout { get; init; }

    /// <summary>Told what the run waits for when another process holds the space (e.g. to print it).</summary>
    public Action<string>? OnWait { get; init; }
}
