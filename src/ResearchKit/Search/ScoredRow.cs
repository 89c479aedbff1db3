namespace ResearchKit.Search;

/// <summary>One search hit: a row of the searched matrix and its inner-product score with the query.</summary>
public readonly record struct ScoredRow(int Row, float Score)
{
    /// <summary>Orders hits best first: higher score, then lower row index, so equal scores rank the same way every run.</summary>
    public static int CompareByRank(ScoredRow a, ScoredRow b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.Row.CompareTo(b.Row);
    }
}
