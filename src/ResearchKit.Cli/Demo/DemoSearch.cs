namespace ResearchKit.Cli.Demo;

/// <summary>One sample search the report shows: the query (text, or an image path) and the hits' ids, image paths and scores.</summary>
/// <param name="Model">Space (model name) searched.</param>
/// <param name="Query">The query text, or the query image's id.</param>
/// <param name="QueryImage">Path of the query image, or null for a text query.</param>
/// <param name="Hits">Best first: id, image path, score, relevant (same emoji as the query).</param>
public sealed record DemoSearch(string Model, string Query, string? QueryImage, IReadOnlyList<(string Id, string Path, double Score, bool Relevant)> Hits);
