using System.Net.Http.Json;
using System.Text.Json;
using ResearchKit.Search;
using ResearchKit.Tests.Judging;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Service;

/// <summary>
/// A real <c>researchkit serve</c> reads dataset files (for crop re-ranking) only where their resolved path, symlinks
/// followed, stays inside the dataset folder.
/// </summary>
public sealed class ServeSymlinkEscapeTests(IndexedDatasetFixture fixture) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly JudgeDatasetCopy _data = new(fixture);
    private readonly TempDirectory _outside = new();

    public void Dispose()
    {
        _data.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task An_item_linked_to_a_file_outside_the_dataset_is_never_read()
    {
        // Indexed as a plain file, then swapped for a link to the same picture outside the dataset.
        var escaping = Path.Combine(_data.Root, "photo_coffee.jpg");
        var target = Path.Combine(_outside.Path, "elsewhere.jpg");
        File.Move(escaping, target);
        File.CreateSymbolicLink(escaping, target);
        // An item linked to a file inside the dataset stays readable.
        var inside = Path.Combine(_data.Root, "photo_astronaut.jpg");
        File.Move(inside, Path.Combine(_data.Root, "astronaut-original.jpg"));
        File.CreateSymbolicLink(inside, "astronaut-original.jpg");
        var config = Path.Combine(_outside.Path, "search.json");
        ServeConfigFile.Write(_data.Root, config, new SearchOptions { Space = "siglip", TopK = 12, Crops = new CropRerankOptions(RecallDepth: 12) });

        await using var serve = await ServeProcess.StartAsync(_data.Root, config);
        var response = await serve.Client.PostAsJsonAsync("/search", new { query = "a cup of coffee", top_k = 12 });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var hits = JsonDocument.Parse(text).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(h => h.GetProperty("id").GetString()!, h => (Global: h.GetProperty("global").GetDouble(), Local: h.GetProperty("local").GetDouble()));

        // No crop was read for the escaping item: its local score is its global one (the re-ranker's "no crops").
        Assert.Equal(hits["photo_coffee.jpg"].Global, hits["photo_coffee.jpg"].Local);
        Assert.NotEqual(hits["photo_astronaut.jpg"].Global, hits["photo_astronaut.jpg"].Local);
    }
}
