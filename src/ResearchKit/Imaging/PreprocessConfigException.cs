namespace ResearchKit.Imaging;

/// <summary>A preprocessing config file is missing, malformed, or asks for something ResearchKit does not do.</summary>
public sealed class PreprocessConfigException : ResearchKitException
{
    public PreprocessConfigException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The config file at fault.</summary>
    public string Path { get; }
}
