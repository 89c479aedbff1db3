using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ResearchKit.Search;
using ResearchKit.Tests.Judging;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Service;

/// <summary>
/// A real <c>researchkit judge</c> and <c>researchkit serve</c> read an item's file only when its resolved path, every
/// symbolic link followed, is inside the dataset folder: <c>passwd.png -> /etc/passwd</c>, an item under a folder linked
/// to elsewhere, or one swapped for a link to a file outside are refused; links inside the dataset keep working.
/// </summary>
public sealed class SymlinkEscapeTests(IndexedDatasetFixture fixture) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly JudgeDatasetCopy _data = new(fixture);
    private readonly TempDirectory _outside = new();

    public void Dispose()
    {
        _data.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task The_judging_page_refuses_images_linked_out_of_the_dataset_and_serves_links_inside_it()
    {
        File.CreateSymbolicLink(Path.Combine(_data.Root, "passwd.png"), "/etc/passwd");
        File.Copy(FixturePaths.Image("photo_coffee.jpg"), Path.Combine(_outside.Path, "secret.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(_data.Root, "linked"), _outside.Path);
        File.CreateSymbolicLink(Path.Combine(_data.Root, "alias.jpg"), "photo_coffee.jpg");

        await using var judge = await ServeProcess.StartJudgeAsync(_data.Root, "--space", "siglip");
        var client = judge.Client;

        foreach (var id in new[] { "passwd.png", "linked/secret.jpg" })
        {
            var answer = await client.GetAsync($"/image?id={Uri.EscapeDataString(id)}&t={judge.Token}");
            var body = await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.NotFound, id);
            Assert.DoesNotContain("root:", body.ToString());
        }
        var alias = await client.GetAsync($"/image?id=alias.jpg&t={judge.Token}");
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        Assert.Equal(File.ReadAllBytes(FixturePaths.Image("photo_coffee.jpg")), await alias.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_service_never_reads_an_item_linked_to_a_file_outside_the_dataset()
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
        using var config = new ServeConfigFile(_data.Root, new SearchOptions { Target = new SingleSpace("siglip") { Crops = new CropRerankOptions(RecallDepth: 12) }, TopK = 12 });

        await using var serve = await ServeProcess.StartAsync(_data.Root, config.Path);
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
