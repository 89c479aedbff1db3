namespace ResearchKit.Models.Hub;

/// <summary>A name that is neither an existing directory nor an entry of the model registry.</summary>
public sealed class UnknownModelException : ModelNotFoundException
{
    public UnknownModelException(string name, IReadOnlyList<string> knownNames)
        : base(name, $"'{name}' is not a name in the model registry (nor an existing model directory). Known names: {string.Join(", ", knownNames)}.")
        => KnownNames = knownNames;

    /// <summary>Every name the registry does know, for suggestions.</summary>
    public IReadOnlyList<string> KnownNames { get; }
}
