using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Embeddings;

/// <summary>What an indexing run did to one space.</summary>
/// <param name="Space">The space.</param>
/// <param name="Embedded">Images embedded in this run (new, changed, or repaired).</param>
/// <param name="Unchanged">Images whose stored vectors were kept.</param>
/// <param name="Removed">Stored vectors dropped because their images are gone.</param>
/// <param name="Failures">Images that could not be embedded (also saved in the space's failures file).</param>
/// <param name="Invalidated">Why the previous vectors were discarded (model, preprocessing or store format changed), or null.</param>
/// <param name="Elapsed">Wall time of the run.</param>
public sealed record IndexReport(
    string Space,
    int Embedded,
    int Unchanged,
    int Removed,
    IReadOnlyList<ItemFailure> Failures,
    string? Invalidated,
    TimeSpan Elapsed)
{
    /// <summary>The shard this run indexed, or null for the whole dataset.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>Damaged chunks found (missing or failing their checksums); their items were embedded again where this run owns them.</summary>
    public IReadOnlyList<DamagedChunk> Damaged { get; init; } = [];

    /// <summary>Items embedded again because their stored vectors were damaged.</summary>
    public int Repaired { get; init; }

    /// <summary>Time spent rewriting the space's chunks into one (merging shard parts, dropping removed items).</summary>
    public TimeSpan Merge { get; init; }

    /// <summary>The batch size and decode workers the run used and why (measured or given); null when nothing was embedded.</summary>
    public ThroughputPlan? Throughput { get; init; }

    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? Embedded / Elapsed.TotalSeconds : 0;
}
