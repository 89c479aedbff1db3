namespace ResearchKit.Service.Judging;

/// <summary>POST /api/triplets body: the triplet as shown and the answer (A, B, TooSimilar, AnchorTooDifferent, DontKnow).</summary>
public sealed record TripletAnswerRequest(string Anchor, string A, string B, string Answer);

/// <summary>POST /api/relevance body: the query, the result item and 1 (relevant) or 0 (not relevant).</summary>
public sealed record RelevanceAnswerRequest(string Query, string Item, double Relevance);

/// <summary>POST /api/undo body: the row id an answer returned.</summary>
public sealed record UndoRequest(long Id);

/// <summary>The counter and agreement the page shows.</summary>
/// <param name="Mode">triplets or relevance.</param>
/// <param name="Space">The judged space.</param>
/// <param name="Judged">Answers of this mode in the database (every judge, every session).</param>
/// <param name="Counted">Answers the agreement is measured on (A/B triplets; labels with a known score).</param>
/// <param name="Agreement">Fraction of those the learned weights or calibration agree with; null when none.</param>
/// <param name="AgreementOf">What the agreement measures.</param>
public sealed record JudgeStats(string Mode, string Space, int Judged, int Counted, double? Agreement, string AgreementOf);

/// <summary>Reply to an answer: its row id (for undo) and the new counter.</summary>
public sealed record AnswerReply(long Id, JudgeStats Stats);

/// <summary>Reply to GET /api/next: the tasks (triplets or relevance pairs) and the titles of their items.</summary>
public sealed record NextReply(IReadOnlyList<object> Tasks, IReadOnlyDictionary<string, string> Titles);

/// <summary>POST /api/release body: keys of tasks the page was given but will not answer.</summary>
public sealed record ReleaseRequest(IReadOnlyList<string> Keys);
