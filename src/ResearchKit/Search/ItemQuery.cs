namespace ResearchKit.Search;

/// <summary>Query by example: the gallery item whose stored vector is the query.</summary>
public sealed record ItemQuery(string ItemId) : SearchQuery
{
    /// <inheritdoc />
    public override string Key => ItemKey(ItemId);
}
