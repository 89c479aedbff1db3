namespace ResearchKit.Service;

/// <summary>POST /search body.</summary>
public sealed record SearchRequest(string Query, int? TopK = null, IReadOnlyList<string>? Filters = null, bool? Expand = null);

/// <summary>POST /similar JSON body (an image upload is the other form).</summary>
public sealed record SimilarRequest(string Id, int? TopK = null, IReadOnlyList<string>? Filters = null);

/// <summary>POST /tags body: a stored item and the labels to score (default: the dataset's labels and tags).</summary>
public sealed record TagsRequest(string Id, IReadOnlyList<string>? Labels = null, int? TopK = null);

/// <summary>POST /likes body: liked = false records an item as seen (excluded from recommendations) without liking it.</summary>
public sealed record LikeRequest(string User, string Id, bool Liked = true);

/// <summary>One hit in a search response.</summary>
public sealed record ServiceHit(string Id, double Score, double? Calibrated, double Global, double? Local, string? Path, string? Title,
    IReadOnlyList<string>? Labels, IReadOnlyList<string>? Tags, IReadOnlyDictionary<string, string>? Metadata);

/// <summary>A search, similar or recommendations response.</summary>
public sealed record ServiceResults(IReadOnlyList<ServiceHit> Results, IReadOnlyList<string> Notes, int ConfigGeneration);

/// <summary>A zero-shot tag and its probability.</summary>
public sealed record ServiceTag(string Label, double Probability);
