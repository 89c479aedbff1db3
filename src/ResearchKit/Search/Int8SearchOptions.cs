namespace ResearchKit.Search;

/// <summary>How many int8 candidates <see cref="Int8Scanner"/> re-scores exactly: max(ShortlistFactor * k, MinimumShortlist).</summary>
public sealed record Int8SearchOptions
{
    /// <summary>Candidates re-scored per result asked for; larger trades speed for recall.</summary>
    public int ShortlistFactor { get; init; } = 10;

    /// <summary>Fewest candidates re-scored, so that small k still gets a safety margin.</summary>
    public int MinimumShortlist { get; init; } = 100;

    internal void Validate()
    {
        if (ShortlistFactor < 1)
            throw new ArgumentOutOfRangeException(nameof(ShortlistFactor), ShortlistFactor,
                "Int8SearchOptions.ShortlistFactor must be at least 1 (10 is the default).");
        if (MinimumShortlist < 0)
            throw new ArgumentOutOfRangeException(nameof(MinimumShortlist), MinimumShortlist,
                "Int8SearchOptions.MinimumShortlist must not be negative (100 is the default).");
    }

    internal int ShortlistSize(int k, int rows) =>
        (int)Math.Min(rows, Math.Max((long)ShortlistFactor * k, MinimumShortlist));
}
