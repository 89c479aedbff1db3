namespace ResearchKit.Evaluation;

/// <summary>
/// One query of a test collection: a text, or the stored image <see cref="ImageId"/> of split <see cref="ImageSplit"/>,
/// searched against the split <see cref="Gallery"/>, where the items in <see cref="Relevant"/> count as hits.
/// </summary>
public sealed record TestQuery
{
    /// <summary>The split searched (a dataset folder under the collection root).</summary>
    public required string Gallery { get; init; }

    /// <summary>Query text, or null for an image query.</summary>
    public string? Text { get; init; }

    /// <summary>Id of the query image, or null for a text query.</summary>
    public string? ImageId { get; init; }

    /// <summary>Split that holds <see cref="ImageId"/> (defaults to the gallery).</summary>
    public string? ImageSplit { get; init; }

    /// <summary>Ids in the gallery that are relevant.</summary>
    public required IReadOnlyList<string> Relevant { get; init; }

    /// <summary>True for a text query.</summary>
    public bool IsText => Text is not null;
}
