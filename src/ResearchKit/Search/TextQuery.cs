namespace ResearchKit.Search;

/// <summary>A text query, embedded with a space's text tower.</summary>
public sealed record TextQuery(string Text) : SearchQuery
{
    /// <inheritdoc />
    public override string Key => Text;
}
