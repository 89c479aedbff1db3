using System.Text.Json.Serialization;

namespace ResearchKit.Embeddings;

/// <summary>
/// One row of an exported Parquet file: the item's metadata and its embedding as a list column, so pandas,
/// DuckDB and Spark read it as a table with an array-of-float column.
/// </summary>
public sealed class ParquetEmbeddingRow
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("path")] public string Path { get; set; } = "";
    [JsonPropertyName("title")] public string? Title { get; set; }
    [JsonPropertyName("labels")] public List<string> Labels { get; set; } = [];
    [JsonPropertyName("tags")] public List<string> Tags { get; set; } = [];

    /// <summary>Every other metadata column, as a JSON object.</summary>
    [JsonPropertyName("extra")] public string Extra { get; set; } = "{}";

    /// <summary>The L2-normalised embedding.</summary>
    [JsonPropertyName("embedding")] public List<float> Embedding { get; set; } = [];
}
