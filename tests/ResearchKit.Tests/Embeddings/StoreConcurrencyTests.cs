using System.Text.RegularExpressions;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Tests.Embeddings;

/// <summary>
/// The store under real concurrent processes: readers looping beside an indexer, two indexers at once, and kill -9
/// at random points. Each failed before the store had writer locks, reader leases and checksums.
/// </summary>
public sealed class StoreConcurrencyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _model = FixturePaths.Model("dinov2-tiny");

    public void Dispose() => _dir.Dispose();

    private string PartDirectory => Path.Combine(_dir.Path, ".researchkit", "spaces", "dinov2-tiny", "parts", "main");

    [Fact]
    public async Task Readers_looping_beside_an_indexer_never_break_it_or_see_a_broken_space()
    {
        TestDatasets.WriteGeneratedImages(_dir.Path, 400);
        using var indexer = CliProcess.Start(["index", _dir.Path, "--model", _model, "--commit-every", "8", "--batch-size", "8"]);
        var loads = 0;
        var errors = new List<string>();
        var sizes = new List<int>();
        while (!indexer.Process.HasExited)
        {
            try
            {
                // What search, serve and a notebook do on every open: read the space.
                var space = EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny");
                sizes.Add(space.Count);
                loads++;
            }
            catch (Exception e) when (e is UnknownSpaceException or StoreNotFoundException or DatasetException)
            {
                // Nothing committed yet.
            }
            catch (Exception e)
            {
                errors.Add($"{e.GetType().Name}: {e.Message}");
            }
        }

        Assert.True(0 == await indexer.WaitAsync(), $"the indexer failed beside the readers:\n{indexer.Error}");
        Assert.Empty(errors);
        Assert.True(loads >= 3, $"only {loads} loads ran beside the indexer");
        Assert.Equal(sizes.Order(), sizes);  // readers only ever saw the space grow
        Assert.Equal(400, EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny").Count);
        Assert.Empty(Directory.GetFiles(PartDirectory, "*.tmp"));
    }

    [Fact]
    public async Task Two_indexers_at_once_serialise_on_the_writer_lock_and_embed_each_item_once()
    {
        TestDatasets.WriteGeneratedImages(_dir.Path, 150);
        using var first = CliProcess.Start(["index", _dir.Path, "--model", _model, "--commit-every", "16"]);
        using var second = CliProcess.Start(["index", _dir.Path, "--model", _model, "--commit-every", "16"]);

        Assert.True(0 == await first.WaitAsync(), first.Error);
        Assert.True(0 == await second.WaitAsync(), second.Error);

        var embedded = new[] { first.Out, second.Out }.Sum(o => int.Parse(Regex.Match(o, @"(\d+) embedded").Groups[1].Value));
        Assert.Equal(150, embedded);
        Assert.Contains("waiting", first.Error + second.Error);
        var space = EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny");
        Assert.Equal(150, space.Count);
        Assert.Equal(1, VectorLog.TryOpen(Path.GetDirectoryName(Path.GetDirectoryName(PartDirectory))!)!.ChunkCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task An_indexer_killed_at_a_random_point_leaves_a_readable_space_and_a_rerun_completes_it(int seed)
    {
        TestDatasets.WriteGeneratedImages(_dir.Path, 240);
        var random = new Random(seed);
        var commits = random.Next(1, 8);
        var extraMs = random.Next(0, 60);
        using (var indexer = CliProcess.Start(["index", _dir.Path, "--model", _model, "--commit-every", "8", "--batch-size", "8"]))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && !indexer.Process.HasExited && CommittedChunks() < commits) await Task.Delay(5);
            await Task.Delay(extraMs);
            Assert.False(indexer.Process.HasExited, $"the indexer finished before it could be killed (seed {seed}): {indexer.Error}");
            indexer.Process.Kill(entireProcessTree: true);
            await indexer.Process.WaitForExitAsync();
        }

        // A reader sees the last committed state, intact, and deletes nothing.
        var filesBefore = Directory.GetFiles(PartDirectory).Order().ToArray();
        var before = EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny").Count;
        Assert.InRange(before, 8, 239);
        Assert.Equal(filesBefore, Directory.GetFiles(PartDirectory).Order().ToArray());

        using var model = ResearchKit.Models.EmbeddingModel.Open(_model);
        var report = await new DatasetIndexer(Dataset.Open(_dir.Path)).IndexAsync(model, new IndexOptions { CommitEvery = 64 });

        Assert.Equal(before, report.Unchanged);
        Assert.Equal(240 - before, report.Embedded);
        var space = EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny");
        Assert.Equal(240, space.Count);
        Assert.All(Enumerable.Range(0, space.Count), row => Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Norm(space.Vector(row)), 0.999f, 1.001f));
        // The re-run holds the lock, so it collected what the killed run left: one chunk, no temporaries.
        Assert.Empty(Directory.GetFiles(PartDirectory, "*.tmp"));
        Assert.Single(Directory.GetFiles(PartDirectory, "*.f32"));
    }

    private int CommittedChunks()
    {
        try
        {
            var manifest = Path.Combine(PartDirectory, "part.json");
            return File.Exists(manifest) ? Regex.Matches(File.ReadAllText(manifest), "\"vectorsHash\"").Count : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
