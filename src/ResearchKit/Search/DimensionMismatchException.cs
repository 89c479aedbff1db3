namespace ResearchKit.Search;

/// <summary>A query vector's length differs from the dimension of the vectors it is searched against.</summary>
public sealed class DimensionMismatchException : ResearchKitException
{
    public DimensionMismatchException(string field, int expected, int actual)
        : base($"{field} has {actual} dimensions but the searched vectors have {expected}. " +
               $"Embed the query with the same model as the space (one that outputs {expected}-dimensional vectors).")
    {
        Field = field;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Which argument was wrong, e.g. "query" or "queries[3]".</summary>
    public string Field { get; }

    public int Expected { get; }
    public int Actual { get; }
}
