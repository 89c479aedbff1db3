namespace ResearchKit.Search;

/// <summary>
/// A search in one space, optionally re-ranked there: by crops (<see cref="Crops"/>) and by a learned distance
/// (<see cref="Distance"/>); with both, the distance re-scores the recalled candidates first and the crops blend into
/// that score. Checked where it is built: a space name that is not blank, crop settings in range.
/// </summary>
public sealed record SingleSpace : SearchTarget
{
    private readonly string? _space;
    private readonly CropRerankOptions? _crops;

    /// <summary>A search in <paramref name="space"/>; null searches the store's only space.</summary>
    /// <exception cref="ArgumentException">The name is empty or white space.</exception>
    public SingleSpace(string? space = null) => Space = space;

    /// <summary>The space searched; null means the store's only space.</summary>
    public string? Space
    {
        get => _space;
        init => _space = value is null || !string.IsNullOrWhiteSpace(value) ? value
            : throw new ArgumentException("the space name is empty; name a space of the store (e.g. siglip) or leave it null for the only one.", nameof(Space));
    }

    /// <summary>Crop re-ranking; null searches whole images only.</summary>
    /// <exception cref="ArgumentException">A crop setting is out of range (the message names it).</exception>
    public CropRerankOptions? Crops
    {
        get => _crops;
        init => _crops = value?.Validate();
    }

    /// <summary>Re-ranking by a learned distance (triplet training); null keeps the cosine.</summary>
    public DistanceRerank? Distance { get; init; }

    /// <summary>Candidates the first stage recalls for <paramref name="topK"/> results: the re-rankers' depth, never fewer than top k.</summary>
    internal int RecallDepth(int topK) =>
        Math.Max(topK, Crops?.RecallDepth ?? Distance?.RecallDepth ?? topK);
}
