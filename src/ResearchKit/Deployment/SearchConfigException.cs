namespace ResearchKit.Deployment;

/// <summary>A search config file that cannot be used as it is: newer major version, missing field, missing or altered sidecar.</summary>
public sealed class SearchConfigException : ResearchKitException
{
    public SearchConfigException(string path, string problem, Exception? inner = null) : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    public string Path { get; }
}
