namespace ResearchKit.Embeddings;

/// <summary>A space name the store does not hold.</summary>
public sealed class UnknownSpaceException : ResearchKitException
{
    public UnknownSpaceException(string space, string store, IReadOnlyCollection<string> available)
        : base(available.Count == 0
            ? $"the store {store} has no spaces yet; run 'researchkit index DATASET --model MODEL' first."
            : $"the store {store} has no space '{space}'; it has {string.Join(", ", available)}. Index it with 'researchkit index DATASET --model MODEL' or pick one of those.")
    {
        Space = space;
    }

    public string Space { get; }
}
