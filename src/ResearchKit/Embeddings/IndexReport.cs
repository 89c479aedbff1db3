namespace ResearchKit.Embeddings;

/// <summary>What an indexing run did to one space.</summary>
/// <param name="Space">The space.</param>
/// <param name="Embedded">Images embedded in this run (new or changed).</param>
/// <param name="Unchanged">Images whose stored vectors were kept.</param>
/// <param name="Removed">Stored vectors dropped because their images are gone.</param>
/// <param name="Failures">Images that could not be embedded (also saved in the space's failures.jsonl).</param>
/// <param name="Invalidated">Why the previous vectors were discarded (model or preprocessing changed), or null.</param>
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
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? Embedded / Elapsed.TotalSeconds : 0;
}
