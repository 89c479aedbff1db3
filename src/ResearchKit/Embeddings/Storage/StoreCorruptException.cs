namespace ResearchKit.Embeddings.Storage;

/// <summary>A store file is unreadable or disagrees with its manifest (edited or damaged by hand).</summary>
public sealed class StoreCorruptException : ResearchKitException
{
    public StoreCorruptException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem} Delete the space's folder and index the dataset again to rebuild it.", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
