using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Models;

namespace ResearchKit.Tests.Embeddings;

/// <summary>Shards of one space indexed by separate processes at once, as Slurm array tasks or Kubernetes pods run them.</summary>
public sealed class ShardedIndexTests : IDisposable
{
    private const int Images = 90;
    private readonly TempDirectory _dir = new();
    private readonly string _model = FixturePaths.Model("dinov2-tiny");

    public ShardedIndexTests() => TestDatasets.WriteGeneratedImages(Data, Images);

    public void Dispose() => _dir.Dispose();

    private string Data => Path.Combine(_dir.Path, "data");
    private string SpaceDirectory => Path.Combine(Data, ".researchkit", "spaces", "dinov2-tiny");

    private CliProcess Shard(int index, int count, params string[] more) =>
        CliProcess.Start(["index", Data, "--model", _model, "--shard", $"{index}/{count}", "--commit-every", "8", .. more]);

    private EmbeddingSpace Space() => EmbeddingStore.For(Dataset.Open(Data)).LoadSpace("dinov2-tiny");

    [Fact]
    public async Task Three_shards_at_once_equal_a_single_process_index_and_a_plain_rerun_embeds_nothing()
    {
        var shards = Enumerable.Range(0, 3).Select(i => Shard(i, 3)).ToList();
        foreach (var shard in shards) Assert.True(0 == await shard.WaitAsync(), shard.Error);
        Assert.Equal(Images, shards.Sum(s => Embedded(s.Out)));
        Assert.Equal(["shard-0-of-3", "shard-1-of-3", "shard-2-of-3"], VectorLog.TryOpen(SpaceDirectory)!.Parts);

        var sharded = Space();
        using var model = EmbeddingModel.Open(_model);
        var single = Path.Combine(_dir.Path, "single");
        await new DatasetIndexer(Dataset.Open(Data, new DatasetOptions { StoreDirectory = single })).IndexAsync(model);
        var reference = EmbeddingStore.Open(single).LoadSpace("dinov2-tiny");
        AssertSameSpace(reference, sharded);

        var plain = await new DatasetIndexer(Dataset.Open(Data)).IndexAsync(model);
        Assert.Equal(0, plain.Embedded);
        Assert.Equal(Images, plain.Unchanged);
        Assert.Equal(["main"], VectorLog.TryOpen(SpaceDirectory)!.Parts);
        AssertSameSpace(reference, Space());
        using var again = Shard(1, 3);
        Assert.Equal(0, await again.WaitAsync());
        Assert.Equal(0, Embedded(again.Out));
        foreach (var s in shards) s.Dispose();
    }

    [Fact]
    public async Task A_killed_shard_rerun_alone_completes_the_space()
    {
        using var zero = Shard(0, 3);
        using var one = Shard(1, 3, "--batch-size", "4");
        using var two = Shard(2, 3);
        var manifest = Path.Combine(SpaceDirectory, "parts", "shard-1-of-3", "part.json");
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !one.Process.HasExited && !(File.Exists(manifest) && File.ReadAllText(manifest).Contains("vectorsHash"))) await Task.Delay(5);
        Assert.False(one.Process.HasExited, "shard 1 finished before it could be killed");
        one.Process.Kill(entireProcessTree: true);
        Assert.Equal(0, await zero.WaitAsync());
        Assert.Equal(0, await two.WaitAsync());
        var partial = Space().Count;
        Assert.InRange(partial, 1, Images - 1);

        using var rerun = Shard(1, 3);
        Assert.True(0 == await rerun.WaitAsync(), rerun.Error);

        Assert.Equal(Images - partial, Embedded(rerun.Out));
        Assert.Equal(Images, Space().Count);
    }

    [Fact]
    public async Task A_shards_failed_items_are_retried_by_rerunning_that_shard_alone()
    {
        var broken = Enumerable.Range(0, 50).Select(i => $"bad_{i}.png").First(id => ShardSpec.ShardOf(id, 2) == 1);
        File.WriteAllBytes(Path.Combine(Data, broken), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);
        using (var zero = Shard(0, 2)) Assert.Equal(0, await zero.WaitAsync());
        using (var one = Shard(1, 2))
        {
            Assert.Equal(2, await one.WaitAsync());
            Assert.Contains(broken, one.Error);
        }
        Assert.Equal(broken, Assert.Single(EmbeddingStore.For(Dataset.Open(Data)).ReadFailures("dinov2-tiny")).Source);

        File.Copy(Path.Combine(Data, "gen_00000.png"), Path.Combine(Data, broken), overwrite: true);
        using var retry = Shard(1, 2);

        Assert.True(0 == await retry.WaitAsync(), retry.Error);
        Assert.Equal(1, Embedded(retry.Out));
        Assert.Equal(Images + 1, Space().Count);
        Assert.Empty(EmbeddingStore.For(Dataset.Open(Data)).ReadFailures("dinov2-tiny"));
    }

    [Fact]
    public async Task Shard_auto_reads_the_slurm_array_variables()
    {
        using var task = CliProcess.Start(["index", Data, "--model", _model, "--shard", "auto"], null,
            new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "2" });

        Assert.True(0 == await task.WaitAsync(), task.Error);
        Assert.Contains("[shard 1/2]", task.Out);
        Assert.Equal(["shard-1-of-2"], VectorLog.TryOpen(SpaceDirectory)!.Parts);
        Assert.Equal(Dataset.Open(Data).Items.Count(i => ShardSpec.ShardOf(i.Id, 2) == 1), Space().Count);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("nan")]
    public async Task A_damaged_shard_chunk_is_named_and_index_re_embeds_exactly_its_items(string damage)
    {
        using var model = EmbeddingModel.Open(_model);
        for (var shard = 0; shard < 3; shard++)
            await new DatasetIndexer(Dataset.Open(Data)).IndexAsync(model, new IndexOptions { Shard = new ShardSpec(shard, 3) });
        var before = Space();
        var victim = Directory.GetFiles(Path.Combine(SpaceDirectory, "parts", "shard-1-of-3"), "*.f32").Single();
        var bytes = new byte[new FileInfo(victim).Length];
        if (damage == "random") new Random(11).NextBytes(bytes);
        else Buffer.BlockCopy(Enumerable.Repeat(float.NaN, bytes.Length / 4).ToArray(), 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(victim, bytes);

        var error = Assert.Throws<StoreCorruptException>(() => Space());
        Assert.Equal(victim, error.Path);

        var report = await new DatasetIndexer(Dataset.Open(Data)).IndexAsync(model);

        var affected = Dataset.Open(Data).Items.Count(i => ShardSpec.ShardOf(i.Id, 3) == 1);
        Assert.Equal(victim, Assert.Single(report.Damaged).Path);
        Assert.Equal(affected, report.Repaired);
        Assert.Equal(affected, report.Embedded);
        Assert.Equal(Images - affected, report.Unchanged);
        AssertSameSpace(before, Space());
    }

    private static int Embedded(string output) => int.Parse(Regex.Match(output, @"(\d+) embedded").Groups[1].Value);

    /// <summary>Same ids, vectors equal to float precision, and the same top-10 neighbours for the first <paramref name="queries"/> items (all by default).</summary>
    internal static void AssertSameSpace(EmbeddingSpace expected, EmbeddingSpace actual, int? queries = null)
    {
        Assert.Equal(expected.Ids, actual.Ids);
        for (var row = 0; row < expected.Count; row++)
            VectorAssert.Close(expected.Vector(row).ToArray(), actual.Vector(row).ToArray(), 1e-6, expected.Ids[row]);
        var step = Math.Max(1, expected.Count / (queries ?? expected.Count));
        for (var row = 0; row < expected.Count; row += step)
            Assert.Equal(TopIds(expected, row), TopIds(actual, row));
    }

    private static string[] TopIds(EmbeddingSpace space, int query) =>
        [.. Enumerable.Range(0, space.Count)
            .Select(r => (Id: space.Ids[r], Score: TensorPrimitives.Dot(space.Vector(query), space.Vector(r))))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Id, StringComparer.Ordinal).Take(10).Select(x => x.Id)];
}
