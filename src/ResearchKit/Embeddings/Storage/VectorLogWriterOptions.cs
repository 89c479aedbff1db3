namespace ResearchKit.Embeddings.Storage;

/// <summary>How a <see cref="VectorLogWriter"/> opens a log.</summary>
public sealed record VectorLogWriterOptions
{
    /// <summary>Floats per row.</summary>
    public required int Width { get; init; }

    /// <summary>What produces the rows, as JSON; stored in the head.</summary>
    public required string Identity { get; init; }

    /// <summary>
    /// Whether rows stored under an existing identity (its JSON) may be kept; when not, the log is rebuilt under
    /// <see cref="Identity"/>. Default: the JSON texts are equal.
    /// </summary>
    public Func<string, bool>? Accepts { get; init; }

    /// <summary>
    /// The part to write (a shard, e.g. <c>shard-2-of-4</c>), or null for the whole log: a whole-log writer excludes
    /// every other writer, may merge all parts into one and collects every part's leftovers.
    /// </summary>
    public string? Part { get; init; }

    /// <summary>How long to wait for another writer's lock; null waits as long as it takes.</summary>
    public TimeSpan? LockTimeout { get; init; }

    /// <summary>Told (once per lock) what the writer is waiting for, e.g. to print it.</summary>
    public Action<string>? OnWait { get; init; }
}
