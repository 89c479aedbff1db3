namespace ResearchKit.Search;

/// <summary>
/// What a search ranks by: one space (<see cref="SingleSpace"/>, with the re-rankers that work within one space) or a
/// blend of several (<see cref="HybridBlend"/>). Only those two exist, so a hybrid search with crops or a learned
/// distance cannot be written down.
/// </summary>
public abstract record SearchTarget
{
    private protected SearchTarget() { }

    /// <summary>A plain search in the named space (null: the store's only space), so notebooks may write <c>Target = "siglip"</c>.</summary>
    public static implicit operator SearchTarget(string? space) => new SingleSpace(space);
}
