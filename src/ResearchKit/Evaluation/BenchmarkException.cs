namespace ResearchKit.Evaluation;

/// <summary>A benchmark folder or one of its query files cannot be used; the message names the file (and line) and the fix.</summary>
public sealed class BenchmarkException : ResearchKitException
{
    public BenchmarkException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The folder or file at fault.</summary>
    public string Path { get; }
}
