namespace ResearchKit.Models.Hub;

/// <summary>
/// A model name could not be turned into a directory: the name is not in the registry, or the model
/// has not been pulled into the cache yet. The message says which.
/// </summary>
public class ModelNotFoundException : ResearchKitException
{
    public ModelNotFoundException(string name, string message, Exception? inner = null)
        : base(message, inner) => Name = name;

    /// <summary>The name or path the caller asked for.</summary>
    public string Name { get; }

    /// <summary>The graph variant that was asked for, or null for the fp32 graphs.</summary>
    public string? Variant { get; init; }

    /// <summary>False when the registry entry cannot be downloaded at all (only a local copy can serve it).</summary>
    public bool Pullable { get; init; } = true;
}
