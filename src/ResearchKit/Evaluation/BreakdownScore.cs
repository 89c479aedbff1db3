namespace ResearchKit.Evaluation;

/// <summary>
/// Recall@k of one query set restricted to the relevant gallery items whose breakdown field has one value
/// (for the emoji test collection, <c>--by set</c>: how often the Noto, Fluent or OpenMoji drawing is in the top k).
/// </summary>
/// <param name="Value">The field's value (for an item without it, <c>(none)</c>).</param>
/// <param name="Queries">Queries with at least one relevant item of this value.</param>
/// <param name="RecallAtK">Mean over those queries of the fraction of their relevant items of this value found in the top k of the whole ranking.</param>
/// <param name="HitRateAtK">Fraction of those queries with at least one such item in the top k.</param>
public sealed record BreakdownScore(string Value, int Queries, double RecallAtK, double HitRateAtK);
