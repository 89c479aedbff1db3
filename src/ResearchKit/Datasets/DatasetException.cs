namespace ResearchKit.Datasets;

/// <summary>A dataset folder or its metadata cannot be used as given; the message names the file (and line) and the fix.</summary>
public sealed class DatasetException : ResearchKitException
{
    public DatasetException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
