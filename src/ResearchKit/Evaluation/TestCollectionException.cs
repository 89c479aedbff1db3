namespace ResearchKit.Evaluation;

/// <summary>A test collection folder or one of its query files cannot be used; the message names the file (and line) and the fix.</summary>
public sealed class TestCollectionException : ResearchKitException
{
    public TestCollectionException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The folder or file at fault.</summary>
    public string Path { get; }
}
