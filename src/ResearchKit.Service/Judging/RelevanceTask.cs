namespace ResearchKit.Service.Judging;

/// <summary>One query-result pair to label relevant or not.</summary>
/// <param name="Key">Identity of the pair (query, then item).</param>
/// <param name="Query">Query text, or <c>id:ITEM</c> for an image query.</param>
/// <param name="Item">Result item id.</param>
/// <param name="Score">The result's cosine similarity to the query in the judged space.</param>
public sealed record RelevanceTask(string Key, string Query, string Item, double Score)
{
    /// <summary>The task for a pair, with its key.</summary>
    public static RelevanceTask Of(string query, string item, double score) => new(KeyOf(query, item), query, item, score);

    /// <summary>The key of a query-result pair.</summary>
    public static string KeyOf(string query, string item) => $"{query}\n{item}";
}
