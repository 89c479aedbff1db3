using System.Text.Json;
using Parquet;
using ResearchKit.Embeddings;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Search;

/// <summary>The index, search, similar, export and import commands end to end on the fixture images.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _model = FixturePaths.Model("siglip-tiny");

    public StoreCommandTests()
    {
        Embeddings.TestDatasets.WriteFixtureImages(_dir.Path);
        var index = CliRun.Invoke("index", _dir.Path, "--model", "sig=" + _model);
        Assert.True(index.ExitCode == 0, index.Error);
        Assert.Contains("sig: 11 embedded, 0 unchanged", index.Out);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Search_json_prints_ids_scores_and_calibrated_probabilities()
    {
        var run = CliRun.Invoke("search", _dir.Path, "a red apple", "--top", "3", "--json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.All(results, r => Assert.InRange(r.GetProperty("calibrated").GetDouble(), 0, 1));
        Assert.All(results, r => Assert.False(string.IsNullOrEmpty(r.GetProperty("id").GetString())));
    }

    [Fact]
    public void Similar_with_crops_and_a_filter_prints_a_table()
    {
        var run = CliRun.Invoke("similar", _dir.Path, "photo_coffee.jpg", "--rerank", "crops", "--recall", "5", "--filter", "kind=emoji");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("emoji_1f34e.png", run.Out);
        Assert.DoesNotContain("photo_astronaut.jpg", run.Out);
    }

    [Fact]
    public void Re_indexing_embeds_nothing_new()
    {
        var run = CliRun.Invoke("index", _dir.Path, "--model", "sig=" + _model);
        Assert.Contains("sig: 0 embedded, 11 unchanged, 0 removed, 0 failed", run.Out);
    }

    [Fact]
    public void Bad_input_exits_2_with_a_clear_message()
    {
        var unknownSpace = CliRun.Invoke("search", _dir.Path, "apple", "--space", "nope");
        Assert.Equal(2, unknownSpace.ExitCode);
        Assert.Contains("has no space 'nope'; it has sig", unknownSpace.Error);

        var unknownId = CliRun.Invoke("similar", _dir.Path, "no-such-id");
        Assert.Equal(2, unknownId.ExitCode);
        Assert.Contains("no item 'no-such-id'", unknownId.Error);

        var empty = CliRun.Invoke("search", _dir.Path, "  ");
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("query is empty", empty.Error);

        var badWeights = CliRun.Invoke("search", _dir.Path, "apple", "--rerank", "crops", "--crop-weights", "0.7");
        Assert.Equal(2, badWeights.ExitCode);
        Assert.Contains("--crop-weights", badWeights.Error);

        // Flags that a search could not honour together are refused by name, before anything is searched.
        var spaceAndBlend = CliRun.Invoke("search", _dir.Path, "apple", "--space", "sig", "--hybrid", "sig=1");
        Assert.Equal(2, spaceAndBlend.ExitCode);
        Assert.Contains("--space 'sig' and --hybrid", spaceAndBlend.Error);
        var cropsAndBlend = CliRun.Invoke("similar", _dir.Path, "photo_coffee.jpg", "--hybrid", "sig=1", "--rerank", "crops");
        Assert.Equal(2, cropsAndBlend.ExitCode);
        Assert.Contains("--rerank crops works within one space", cropsAndBlend.Error);
        var none = CliRun.Invoke("search", _dir.Path, "apple", "--top", "0");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--top 0", none.Error);

        using var noStore = new TempDirectory();
        File.Copy(FixturePaths.Image("tiny_1x1.png"), Path.Combine(noStore.Path, "a.png"));
        var unindexed = CliRun.Invoke("search", noStore.Path, "apple");
        Assert.Equal(2, unindexed.ExitCode);
        Assert.Contains("researchkit index", unindexed.Error);
    }

    [Fact]
    public async Task Export_writes_a_parquet_table_with_a_float_list_column_and_import_restores_the_space()
    {
        var file = Path.Combine(_dir.Path, "sig.parquet");
        var export = CliRun.Invoke("export", _dir.Path, "--space", "sig", "--out", file);
        Assert.True(export.ExitCode == 0, export.Error);

        await using (var reader = await ParquetReader.CreateAsync(file))
        {
            Assert.Equal(["id", "path", "title", "labels", "tags", "extra", "embedding"], reader.Schema.Fields.Select(f => f.Name));
            Assert.Equal(11, reader.Metadata!.NumRows);
        }

        var import = CliRun.Invoke("import", _dir.Path, file, "--space", "copy");
        Assert.True(import.ExitCode == 0, import.Error);
        var store = EmbeddingStore.For(ResearchKit.Datasets.Dataset.Open(_dir.Path));
        var original = store.LoadSpace("sig");
        var copy = store.LoadSpace("copy");
        Assert.Equal(original.Ids, copy.Ids);
        Assert.Equal(original.Vectors, copy.Vectors);
        Assert.Equal(original.Identity.Files, copy.Identity.Files);
        Assert.Equal("copy", copy.Identity.Space);
    }
}
