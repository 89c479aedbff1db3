using ResearchKit.Search;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Search results with the dataset folder their paths are relative to, so the grid can show thumbnails.</summary>
/// <param name="Results">Hits, best first.</param>
/// <param name="DatasetRoot">Folder the items' relative paths start from; null shows cards without images.</param>
/// <param name="ThumbnailSize">Longest side of each thumbnail, in pixels.</param>
public sealed record SearchResultsView(IReadOnlyList<SearchResult> Results, string? DatasetRoot, int ThumbnailSize = 128);
