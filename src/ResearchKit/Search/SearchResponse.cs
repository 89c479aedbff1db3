namespace ResearchKit.Search;

/// <summary>A search's results, best first, and notes on anything it had to leave out (e.g. a space that cannot embed text).</summary>
public sealed record SearchResponse(IReadOnlyList<SearchResult> Results, IReadOnlyList<string> Notes);
