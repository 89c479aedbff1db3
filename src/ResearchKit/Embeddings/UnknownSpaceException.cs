namespace ResearchKit.Embeddings;

/// <summary>A space name the store does not hold.</summary>
public sealed class UnknownSpaceException : ResearchKitException
{
    public UnknownSpaceException(string space, string store, IReadOnlyCollection<string> available)
        : base(available.Count == 0
            ? $"the store {store} has no spaces yet; index the dataset with a model first."
            : $"the store {store} has no space '{space}'; it has {string.Join(", ", available)}. Index the dataset into that space, or pick one of those.")
    {
        Space = space;
    }

    public string Space { get; }
}
