namespace ResearchKit.Models.Hub;

/// <summary>The model registry file is missing or malformed.</summary>
public sealed class ModelRegistryException : ResearchKitException
{
    public ModelRegistryException(string path, string message, Exception? inner = null)
        : base($"Model registry '{path}': {message}", inner) => Path = path;

    /// <summary>The registry file at fault.</summary>
    public string Path { get; }
}
