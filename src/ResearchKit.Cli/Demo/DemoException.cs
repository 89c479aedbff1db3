namespace ResearchKit.Cli.Demo;

/// <summary>A demo step failed; the message names the file or step and what to do.</summary>
public sealed class DemoException : ResearchKitException
{
    public DemoException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The file, folder or step at fault.</summary>
    public string Path { get; }
}
