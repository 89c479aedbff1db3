using Microsoft.Extensions.Logging.Abstractions;
using ResearchKit.Service;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Service;

/// <summary>Generations are released by reference count: a request keeps its generation however long it runs and whatever reloads happen.</summary>
public sealed class ServiceStateHolderTests(IndexedDatasetFixture data) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly ServeConfigFile _config = new(data.Root);

    // No request timeout at all: a timer-based disposal would free the old generation at once.
    private ServiceOptions Options => new() { Dataset = data.Root, ConfigPath = _config.Path, RequestTimeout = TimeSpan.Zero };

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task A_leased_generation_outlives_reloads_until_its_last_request_ends()
    {
        using var holder = new ServiceStateHolder(Options, NullLogger.Instance);
        var lease = holder.Acquire();
        var old = lease.State;

        Assert.True(holder.Reload());
        Assert.True(holder.Reload());
        await Task.Delay(TimeSpan.FromSeconds(2)); // longer than the old disposal timer (timeout + 1 s)

        Assert.Equal(3, holder.Current.Generation);
        Assert.False(old.IsReleased);
        Assert.NotEmpty(old.Engine.SearchText("coffee", old.Options).Results);

        lease.Dispose();
        lease.Dispose(); // twice is once
        Assert.True(old.IsReleased);
        using var fresh = holder.Acquire();
        Assert.Equal(3, fresh.State.Generation);
        Assert.False(fresh.State.IsReleased);
    }

    [Fact]
    public void A_generation_nobody_uses_is_released_when_it_is_replaced()
    {
        using var holder = new ServiceStateHolder(Options, NullLogger.Instance);
        var first = holder.Current;

        Assert.True(holder.Reload());

        Assert.True(first.IsReleased);
        Assert.False(holder.Current.IsReleased);
    }

    [Fact]
    public void Any_reload_failure_is_counted_and_the_old_generation_keeps_serving()
    {
        using var holder = new ServiceStateHolder(Options, NullLogger.Instance);
        File.WriteAllText(_config.Path, "{ not json");
        Assert.False(holder.Reload());
        File.Delete(_config.Path);
        Directory.CreateDirectory(_config.Path); // a folder where the file was: not even a file
        Assert.False(holder.Reload());

        Assert.Equal(2, holder.FailedReloads);
        Assert.Equal(1, holder.Current.Generation);
        Assert.False(holder.Current.IsReleased);
    }
}
