using System.Text.Json;

namespace ResearchKit.Embeddings.Storage;

/// <summary>The JSON settings of every store file (camelCase, indented so a person can read a manifest).</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
