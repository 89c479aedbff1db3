namespace ResearchKit.Tuning;

/// <summary>One triplet judgment: which of two items is closer to an anchor item.</summary>
/// <param name="Anchor">Anchor item id.</param>
/// <param name="A">First option's item id.</param>
/// <param name="B">Second option's item id.</param>
/// <param name="Answer">The judge's answer.</param>
/// <param name="Judge">Who answered (a name, "synthetic", ...), if known.</param>
/// <param name="Id">Row id in the judgments database (0 before it is stored).</param>
public sealed record TripletJudgment(string Anchor, string A, string B, TripletAnswer Answer, string? Judge = null, long Id = 0);
