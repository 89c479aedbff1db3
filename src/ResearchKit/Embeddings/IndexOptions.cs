namespace ResearchKit.Embeddings;

/// <summary>Settings of one indexing run.</summary>
public sealed record IndexOptions
{
    /// <summary>Space name; defaults to the model's name.</summary>
    public string? Space { get; init; }

    /// <summary>Images per encoder call.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Images embedded between commits: a killed run loses at most this much work.</summary>
    public int CommitEvery { get; init; } = 256;

    /// <summary>Files decoded at once while the encoder runs.</summary>
    public int DecodeParallelism { get; init; } = Environment.ProcessorCount;
}
