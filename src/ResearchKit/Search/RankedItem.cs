namespace ResearchKit.Search;

/// <summary>An item while a search ranks it: its final score and the parts it came from.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Score">Final score the ranking uses.</param>
/// <param name="Global">Whole-image similarity (or the blended hybrid score).</param>
/// <param name="Local">Best crop similarity, when crops were used.</param>
/// <param name="SpaceScores">Per-space similarity, for hybrid searches.</param>
public sealed record RankedItem(string Id, double Score, double Global, double? Local = null, IReadOnlyDictionary<string, double>? SpaceScores = null)
{
    /// <summary>Score descending, then id ascending: a deterministic order.</summary>
    public static int BestFirst(RankedItem a, RankedItem b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Id, b.Id);
    }
}
