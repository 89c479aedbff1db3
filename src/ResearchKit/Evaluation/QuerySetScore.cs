namespace ResearchKit.Evaluation;

/// <summary>Recall@k of one query set for one model; <see cref="Skipped"/> says why a set was not run (e.g. no text tower).</summary>
/// <param name="Name">The query file's name without extension (text_label, image_cross, ...).</param>
/// <param name="Gallery">The split searched.</param>
/// <param name="Queries">Queries run.</param>
/// <param name="RecallAtK">Mean over queries of the fraction of relevant items in the top k.</param>
/// <param name="HitRateAtK">Fraction of queries with at least one relevant item in the top k.</param>
/// <param name="Skipped">Why the set was skipped, or null.</param>
/// <param name="Rejected">Text queries the search engine refused (only stopwords or symbols, such as the tag "at"); left out of the means.</param>
/// <param name="Breakdown">Recall per value of the breakdown field (<see cref="RetrievalEvaluation.By"/>), or null when none was asked for.</param>
public sealed record QuerySetScore(string Name, string Gallery, int Queries, double RecallAtK, double HitRateAtK, string? Skipped = null, int Rejected = 0,
    IReadOnlyList<BreakdownScore>? Breakdown = null);
