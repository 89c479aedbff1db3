using System.Net.Http.Json;
using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Deployment;
using ResearchKit.Search;

namespace ResearchKit.Tests.Service;

/// <summary>
/// The search config a test serves, exported for a dataset's store into a folder of its own (open to everyone,
/// because a server run as nobody writes likes.sqlite beside it), and helpers that read back what a server answers.
/// </summary>
public sealed class ServeConfigFile : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _datasetRoot;

    public ServeConfigFile(string datasetRoot, SearchOptions? options = null)
    {
        _datasetRoot = datasetRoot;
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_111_111);
        Path = System.IO.Path.Combine(_dir.Path, "search.json");
        Write(options ?? new SearchOptions { Target = "siglip", TopK = 5 });
    }

    /// <summary>The config file.</summary>
    public string Path { get; }

    /// <summary>The folder holding it (and whatever else a test puts beside it).</summary>
    public string Folder => _dir.Path;

    /// <summary>Exports <paramref name="options"/> over the config, atomically as export-config does.</summary>
    public void Write(SearchOptions options) => WriteTo(Path, options);

    /// <summary>Exports <paramref name="options"/> for this dataset to another file (e.g. an edit swapped in later).</summary>
    public void WriteTo(string path, SearchOptions options)
    {
        using var engine = SearchEngine.Open(Dataset.Open(_datasetRoot));
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
