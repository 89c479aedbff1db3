using System.Runtime;

namespace ResearchKit.Service;

/// <summary>
/// Gives the memory of large uploads back to the system once they are answered. Their decoded pixels live in the
/// large-object heap, which the runtime otherwise keeps reserved after a burst; when the last large upload in flight
/// ends, one compacting, decommitting collection runs in the background, at most once every
/// <see cref="MinimumInterval"/> (a burst ending sooner is collected when the interval has passed), so a steady
/// stream of uploads does not pay for it on every request.
/// </summary>
public sealed class UploadMemory(long largePixels, TimeSpan? minimumInterval = null)
{
    /// <summary>Shortest time between two collections (10 s unless given).</summary>
    public TimeSpan MinimumInterval { get; } = minimumInterval ?? TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private int _inFlight;
    private DateTime _lastCollection = DateTime.MinValue;
    private bool _deferred;

    /// <summary>Collections run so far (for tests and metrics).</summary>
    public int Collections { get; private set; }

    /// <summary>Marks an upload of <paramref name="pixels"/> pixels (from its header) as decoding; dispose when it is answered.</summary>
    public IDisposable Track(long pixels) => pixels < largePixels ? NotTracked.Instance : new Tracked(this);

    private void Enter()
    {
        lock (_gate) _inFlight++;
    }

    private void Leave()
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (--_inFlight > 0 || _deferred) return;
            wait = MinimumInterval - (DateTime.UtcNow - _lastCollection);
            if (wait > TimeSpan.Zero)
            {
                // Too soon after the last collection: collect once the interval has passed, or the burst that just
                // ended would keep its memory until the next large upload.
                _deferred = true;
            }
            else
            {
                MarkCollection();
            }
        }
        _ = wait > TimeSpan.Zero ? CollectLaterAsync(wait) : Task.Run(Collect);
    }

    private async Task CollectLaterAsync(TimeSpan wait)
    {
        await Task.Delay(wait).ConfigureAwait(false);
        lock (_gate)
        {
            _deferred = false;
            // A new upload in flight collects when it leaves.
            if (_inFlight > 0) return;
            MarkCollection();
        }
        Collect();
    }

    private void MarkCollection()
    {
        _lastCollection = DateTime.UtcNow;
        Collections++;
    }

    private static void Collect()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private sealed class Tracked : IDisposable
    {
        private UploadMemory? _owner;

        public Tracked(UploadMemory owner)
        {
            _owner = owner;
            owner.Enter();
        }

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Leave();
    }

    private sealed class NotTracked : IDisposable
    {
        public static readonly NotTracked Instance = new();

        public void Dispose() { }
    }
}
