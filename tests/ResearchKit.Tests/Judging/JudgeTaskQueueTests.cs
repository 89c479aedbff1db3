using ResearchKit.Service.Judging;

namespace ResearchKit.Tests.Judging;

/// <summary>The judging task queue: no task handed out twice, even to concurrent callers, and a clean end.</summary>
public sealed class JudgeTaskQueueTests
{
    // A generator over a fixed pool that leaves out what it is told is known, in batches of 5.
    private static IEnumerable<string> Pool(IReadOnlySet<string> known, int size) =>
        Enumerable.Range(0, size).Select(i => $"task{i}").Where(t => !known.Contains(t)).Take(5);

    [Fact]
    public async Task Every_task_is_handed_out_once_then_the_queue_ends()
    {
        var queue = new TaskQueue<string>(known => Pool(known, 23), t => t, lowWater: 2);
        var all = new List<string>();
        while (await queue.NextAsync() is { } task) all.Add(task);
        Assert.Equal(23, all.Count);
        Assert.Equal(23, all.Distinct().Count());
        Assert.Null(await queue.NextAsync());
    }

    [Fact]
    public async Task Concurrent_callers_never_share_a_task()
    {
        var queue = new TaskQueue<string>(known => Pool(known, 200), t => t, lowWater: 4);
        queue.Prefill();
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => queue.NextAsync(25))));
        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(200, all.Count);
        Assert.Equal(200, all.Distinct().Count());
    }

    [Fact]
    public async Task Released_tasks_are_handed_out_again_first()
    {
        var queue = new TaskQueue<string>(known => Pool(known, 50), t => t);
        var given = await queue.NextAsync(4);
        Assert.Equal(2, queue.Release([given[2], given[3], "never-handed-out"]));
        Assert.Equal([given[2], given[3]], await queue.NextAsync(2));
        Assert.DoesNotContain((await queue.NextAsync(46)), given.Contains);
        Assert.Null(await queue.NextAsync());
    }

    [Fact]
    public async Task A_generator_failure_reaches_the_caller()
    {
        var queue = new TaskQueue<string>(_ => throw new JudgeException("no vectors"), t => t);
        var error = await Assert.ThrowsAsync<JudgeException>(() => queue.NextAsync());
        Assert.Equal("no vectors", error.Message);
    }
}
