using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// A judged query for evaluating search settings: text or an item ("more like this"), with the relevance of the
/// items judged for it (unjudged items count as not relevant).
/// </summary>
public sealed record TuningQuery(SearchQuery Query, IReadOnlyDictionary<string, double> Relevance)
{
    /// <summary>Whether this is query by example.</summary>
    public bool IsItemQuery => Query is ItemQuery;

    /// <summary>The example item of an item query.</summary>
    /// <exception cref="InvalidOperationException">This is a text query.</exception>
    public string ItemId => Query is ItemQuery item ? item.ItemId : throw new InvalidOperationException($"the query '{Query.Key}' is a text query; it has no item.");

    /// <summary>Groups relevance judgments into queries (the last judgment of a pair wins), ordered by query text.</summary>
    public static IReadOnlyList<TuningQuery> FromJudgments(IEnumerable<RelevanceJudgment> judgments) =>
        [.. judgments.GroupBy(j => j.Query, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TuningQuery(SearchQuery.Parse(g.Key), g.GroupBy(j => j.Item, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Last().Relevance, StringComparer.Ordinal)))];

    /// <summary>
    /// A deterministic split: a query goes to the held-out part when the hash of its text falls in the held-out
    /// fraction (item queries by their <c>id:ITEM</c> key), so adding judgments never moves existing queries between the parts.
    /// </summary>
    public static (IReadOnlyList<TuningQuery> Train, IReadOnlyList<TuningQuery> HeldOut) Split(IReadOnlyList<TuningQuery> queries, double heldOutFraction = 0.3)
    {
        var heldOut = queries.Where(q => StableFraction(q.Query.Key) < heldOutFraction).ToList();
        return ([.. queries.Except(heldOut)], heldOut);
    }

    /// <summary>Where a text's SHA-256 falls in [0, 1]: the same on every machine and run, so splits by it never move.</summary>
    internal static double StableFraction(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return BitConverter.ToUInt32(hash, 0) / (double)uint.MaxValue;
    }
}
