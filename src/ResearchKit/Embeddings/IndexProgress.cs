namespace ResearchKit.Embeddings;

/// <summary>How far an indexing run has come, for a progress bar.</summary>
/// <param name="Space">The space being built.</param>
/// <param name="Done">Images embedded or failed so far in this run.</param>
/// <param name="Failed">Images that failed so far.</param>
/// <param name="Total">Images this run has to embed (new or changed ones).</param>
/// <param name="Elapsed">Time since the run started embedding.</param>
public readonly record struct IndexProgress(string Space, int Done, int Failed, int Total, TimeSpan Elapsed)
{
    public double ImagesPerSecond => Elapsed.TotalSeconds > 0 ? Done / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left at the current rate, or null before the first image.</summary>
    public TimeSpan? Remaining => Done > 0 && ImagesPerSecond > 0 ? TimeSpan.FromSeconds((Total - Done) / ImagesPerSecond) : null;
}
