using ResearchKit.Service;

namespace ResearchKit.Tests.Service;

/// <summary>Large uploads hand their memory back once the last one in flight is answered, and not on every request.</summary>
public sealed class UploadMemoryTests
{
    [Fact]
    public async Task A_burst_ending_within_the_interval_is_collected_once_the_interval_has_passed()
    {
        var memory = new UploadMemory(largePixels: 1_000_000, minimumInterval: TimeSpan.FromMilliseconds(300));
        memory.Track(81_000_000).Dispose();
        Assert.Equal(1, memory.Collections);

        // Uploads served one after another: the last one ends too soon after the first collection.
        memory.Track(81_000_000).Dispose();
        memory.Track(81_000_000).Dispose();
        Assert.Equal(1, memory.Collections);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (memory.Collections < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.Equal(2, memory.Collections);  // one deferred collection for both, not one each
        await Task.Delay(700);
        Assert.Equal(2, memory.Collections);
    }

    [Fact]
    public void One_collection_runs_when_the_last_large_upload_ends_and_small_ones_never_trigger_it()
    {
        var memory = new UploadMemory(largePixels: 1_000_000);

        memory.Track(500_000).Dispose();
        Assert.Equal(0, memory.Collections);

        var first = memory.Track(81_000_000);
        var second = memory.Track(81_000_000);
        first.Dispose();
        first.Dispose(); // twice is once
        Assert.Equal(0, memory.Collections);
        second.Dispose();
        Assert.Equal(1, memory.Collections);

        // Straight after, another burst ends within the minimum interval: no second collection.
        memory.Track(81_000_000).Dispose();
        Assert.Equal(1, memory.Collections);
    }
}
