using ResearchKit.Search;

namespace ResearchKit.Evaluation;

/// <summary>
/// One query of a test collection: a <see cref="TextQuery"/>, or an <see cref="ItemQuery"/> for a stored image of split
/// <see cref="ImageSplit"/>, searched against the split <see cref="Gallery"/>, where the items in <see cref="Relevant"/>
/// count as hits. Checked where it is built: only an item query names a split.
/// </summary>
public sealed record TestQuery
{
    private readonly SearchQuery _query = null!;
    private readonly string? _imageSplit;

    /// <summary>The split searched (a dataset folder under the collection root).</summary>
    public required string Gallery { get; init; }

    /// <summary>The query: text, or the id of a stored image (query by example).</summary>
    /// <exception cref="ArgumentException">A text query where <see cref="ImageSplit"/> is set.</exception>
    public required SearchQuery Query
    {
        get => _query;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value is TextQuery && _imageSplit is not null)
                throw new ArgumentException($"text query '{value.Key}' has an image split ('{_imageSplit}'); only an image query comes from a split.", nameof(Query));
            _query = value;
        }
    }

    /// <summary>Split that holds the query image (null: the gallery); an item query's only.</summary>
    /// <exception cref="ArgumentException">The split is blank, or <see cref="Query"/> is a text query.</exception>
    public string? ImageSplit
    {
        get => _imageSplit;
        init
        {
            if (value is not null && string.IsNullOrWhiteSpace(value)) throw new ArgumentException("the image split is blank; name a split folder or leave it null for the gallery.", nameof(ImageSplit));
            if (value is not null && _query is TextQuery)
                throw new ArgumentException($"text query '{_query.Key}' cannot have an image split ('{value}'); only an image query comes from a split.", nameof(ImageSplit));
            _imageSplit = value;
        }
    }

    /// <summary>Ids in the gallery that are relevant.</summary>
    public required IReadOnlyList<string> Relevant { get; init; }

    /// <summary>True for a text query.</summary>
    public bool IsText => _query is TextQuery;

    /// <summary>True when the query image is an item of the gallery itself (it is then left out of its own results).</summary>
    public bool QueriesOwnGallery => _query is ItemQuery && (_imageSplit ?? Gallery) == Gallery;
}
