namespace ResearchKit.Models.Hub;

/// <summary>
/// A model name could not be turned into a directory: the name is not in the registry, or the model
/// has not been pulled into the cache yet. The message says which, and what to run.
/// </summary>
public class ModelNotFoundException : ResearchKitException
{
    public ModelNotFoundException(string name, string message, Exception? inner = null)
        : base(message, inner) => Name = name;

    /// <summary>The name or path the caller asked for.</summary>
    public string Name { get; }
}
