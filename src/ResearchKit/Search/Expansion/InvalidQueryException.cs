namespace ResearchKit.Search.Expansion;

/// <summary>A search query has nothing to search for: it is empty, blank, or made only of stopwords.</summary>
public sealed class InvalidQueryException : ResearchKitException
{
    public InvalidQueryException(string query, string problem)
        : base($"Query \"{query}\": {problem}")
    {
        Query = query;
    }

    /// <summary>The rejected query text as given.</summary>
    public string Query { get; }
}
