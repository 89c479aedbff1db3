namespace ResearchKit.Search;

/// <summary>
/// What a search starts from: a <see cref="TextQuery"/> for the text tower or an <see cref="ItemQuery"/> (query by
/// example, "more like this"). Judgment files and the judge page write an item query as <c>id:ITEM</c>;
/// <see cref="Parse"/> and <see cref="Key"/> are the only places that know that form.
/// </summary>
public abstract record SearchQuery
{
    private const string ItemPrefix = "id:";

    private protected SearchQuery() { }

    /// <summary>The query as judgments record it: the text, or <c>id:ITEM</c>.</summary>
    public abstract string Key { get; }

    /// <summary>Reads a judgment's query: <c>id:ITEM</c> is an item query, anything else is text.</summary>
    public static SearchQuery Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.StartsWith(ItemPrefix, StringComparison.Ordinal) ? new ItemQuery(key[ItemPrefix.Length..]) : new TextQuery(key);
    }

    public sealed override string ToString() => Key;

    internal static string ItemKey(string itemId) => ItemPrefix + itemId;
}
