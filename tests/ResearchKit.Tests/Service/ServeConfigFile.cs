using System.Net.Http.Json;
using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Deployment;
using ResearchKit.Search;

namespace ResearchKit.Tests.Service;

/// <summary>Writes the search config a test serves, and reads back what the service answers with it.</summary>
public static class ServeConfigFile
{
    /// <summary>Exports <paramref name="options"/> for the dataset's store to <paramref name="path"/> (atomically, as export-config does).</summary>
    public static void Write(string datasetRoot, string path, SearchOptions options)
    {
        using var engine = SearchEngine.Open(Dataset.Open(datasetRoot));
        SearchConfigMapping.FromOptions(engine, options, new ConfigProvenance("fixture", 0, new Dictionary<string, double>(), DateTimeOffset.UnixEpoch, "test")).Save(path);
    }

    /// <summary>The number of results a text search returns (the config's top k), or null when the service did not answer 200.</summary>
    public static async Task<int?> ResultCountAsync(HttpClient client, string query = "coffee")
    {
        try
        {
            var response = await client.PostAsJsonAsync("/search", new { query });
            if (!response.IsSuccessStatusCode) return null;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return doc.RootElement.GetProperty("results").GetArrayLength();
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>A /metrics value, or null when the service did not answer.</summary>
    public static async Task<double?> MetricAsync(ServeProcess serve, string name)
    {
        try { return await serve.MetricAsync(name); }
        catch (HttpRequestException) { return null; }
    }
}
