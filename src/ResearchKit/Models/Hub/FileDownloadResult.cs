namespace ResearchKit.Models.Hub;

/// <summary>One file made present in the cache.</summary>
/// <param name="SnapshotPath">The file's path inside the commit's snapshot directory.</param>
/// <param name="Commit">The commit the server said the revision resolved to.</param>
/// <param name="Downloaded">False when the blob was already cached and only linked.</param>
/// <param name="BytesReceived">Bytes received over the network for this file.</param>
public sealed record FileDownloadResult(string SnapshotPath, string Commit, bool Downloaded, long BytesReceived);
