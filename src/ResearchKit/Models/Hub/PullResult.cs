namespace ResearchKit.Models.Hub;

/// <summary>What a pull did: where the model now is, and how much was fetched versus reused.</summary>
/// <param name="Entry">The registry entry pulled.</param>
/// <param name="SnapshotDirectory">The model directory: the snapshot of the pulled commit.</param>
/// <param name="Commit">The commit the revision resolved to.</param>
/// <param name="FilesDownloaded">Files fetched over the network in this pull.</param>
/// <param name="FilesReused">Files already in the cache and left alone.</param>
/// <param name="BytesDownloaded">Bytes received in this pull (resumed prefixes not counted).</param>
public sealed record PullResult(RegistryEntry Entry, string SnapshotDirectory, string Commit, int FilesDownloaded, int FilesReused, long BytesDownloaded)
{
    /// <summary>The variant pulled (fp16, quantized, ...), or null for the fp32 graphs.</summary>
    public string? Variant { get; init; }

    /// <summary>External-data files the graphs named and the pull fetched beside them (repository paths).</summary>
    public IReadOnlyList<string> ExternalFiles { get; init; } = [];
}
