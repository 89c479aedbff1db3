namespace ResearchKit.Models.Hub;

/// <summary>
/// Downloading a model file failed: the server refused or lacked it, the transfer broke, or the bytes
/// did not match the registry. Names the repository and file, and for mismatches the expected and
/// actual values.
/// </summary>
public sealed class ModelDownloadException : ResearchKitException
{
    public ModelDownloadException(string repo, string file, string message, Exception? inner = null)
        : base($"Download of '{file}' from '{repo}' failed: {message}", inner)
    {
        Repo = repo;
        File = file;
    }

    /// <summary>The hub repository, such as <c>Xenova/dinov2-small</c>.</summary>
    public string Repo { get; }
    /// <summary>The file's path inside the repository.</summary>
    public string File { get; }
    /// <summary>HTTP status the server answered with, when the failure was an HTTP error.</summary>
    public int? StatusCode { get; init; }
    /// <summary>What was expected (size in bytes or SHA-256), for verification failures.</summary>
    public string? Expected { get; init; }
    /// <summary>What was found instead, for verification failures.</summary>
    public string? Actual { get; init; }
}
