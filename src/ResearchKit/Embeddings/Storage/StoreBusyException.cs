namespace ResearchKit.Embeddings.Storage;

/// <summary>A store lock could not be taken: another process writes there, or locking is unavailable.</summary>
public sealed class StoreBusyException : ResearchKitException
{
    public StoreBusyException(string path, string problem) : base($"{path}: {problem}")
    {
        Path = path;
    }

    public string Path { get; }
}
