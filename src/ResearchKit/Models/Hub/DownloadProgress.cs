namespace ResearchKit.Models.Hub;

/// <summary>Progress of one file's download, reported as bytes arrive (and once when a file is reused from the cache).</summary>
/// <param name="File">Path of the file inside the repository.</param>
/// <param name="BytesDone">Bytes on disk so far, including any resumed prefix.</param>
/// <param name="Total">Full size of the file, or null when the server did not say.</param>
/// <param name="FromCache">True when the file was already in the cache and nothing was downloaded.</param>
public readonly record struct DownloadProgress(string File, long BytesDone, long? Total, bool FromCache = false)
{
    /// <summary>True once the whole file is on disk.</summary>
    public bool Completed => Total is not null && BytesDone >= Total;
}
