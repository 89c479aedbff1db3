namespace ResearchKit.Tuning;

/// <summary>
/// One relevance label: how relevant an item is to a query. Text queries are stored as typed; an image query
/// (more like this) is written <c>id:ITEM_ID</c>.
/// </summary>
/// <param name="Query">The query text, or <c>id:ITEM_ID</c>.</param>
/// <param name="Item">Item id.</param>
/// <param name="Relevance">0 (not relevant) or 1 (relevant), or a graded value such as 0-3 for nDCG.</param>
/// <param name="Judge">Who judged, if known.</param>
/// <param name="Id">Row id in the judgments database (0 before it is stored).</param>
public sealed record RelevanceJudgment(string Query, string Item, double Relevance, string? Judge = null, long Id = 0);
