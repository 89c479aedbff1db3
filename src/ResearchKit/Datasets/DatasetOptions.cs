namespace ResearchKit.Datasets;

/// <summary>Where a dataset's metadata and store live when not in their default places.</summary>
public sealed record DatasetOptions
{
    /// <summary>Metadata file (CSV or JSON lines); by default metadata.csv, metadata.jsonl or metadata.json in the dataset folder.</summary>
    public string? MetadataPath { get; init; }

    /// <summary>Store folder; by default <c>.researchkit</c> inside the dataset folder.</summary>
    public string? StoreDirectory { get; init; }
}
