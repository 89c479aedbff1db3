namespace ResearchKit.Embeddings.Storage;

/// <summary>A store file is unreadable, fails its checksum, or disagrees with its manifest (a disk fault or a hand edit).</summary>
public sealed class StoreCorruptException : ResearchKitException
{
    public StoreCorruptException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem} Index the dataset again to repair it: only the affected items are embedded again.", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The damaged file.</summary>
    public string Path { get; }

    /// <summary>What is wrong, without the advice.</summary>
    public string Problem { get; }
}
