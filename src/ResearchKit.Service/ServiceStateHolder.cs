using Microsoft.Extensions.Logging;

namespace ResearchKit.Service;

/// <summary>
/// Holds the current <see cref="ServiceState"/> and swaps in a new one when the config file changes. The swap is a
/// single reference assignment; requests take a lease on the state they start with, and an old state is released
/// when its last lease ends. Any failure to load a new generation (a broken edit, an unreadable or non-regular file,
/// a model that will not open) is logged and counted while the old state keeps serving; the next change retries.
/// </summary>
public sealed class ServiceStateHolder : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);
    private readonly ServiceOptions _options;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _reloadGate = new();
    private ServiceState _current;
    private Timer? _debounce;
    private long _reloads, _failedReloads;
    private bool _disposed;

    /// <exception cref="ResearchKitException">The first generation cannot be loaded (start-up fails fast).</exception>
    public ServiceStateHolder(ServiceOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _current = ServiceState.Load(options, 1);
        var full = Path.GetFullPath(options.ConfigPath);
        // Watch the folder: editors and AtomicFile replace the file by rename, which a file watch would miss.
        // Attributes too, so making an unreadable config readable again reloads it.
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime | NotifyFilters.Attributes,
        };
        _watcher.Changed += (_, _) => ScheduleReload();
        _watcher.Created += (_, _) => ScheduleReload();
        _watcher.Renamed += (_, _) => ScheduleReload();
        // A lost event (the watcher's buffer overflowed) may have been the config's: look again.
        _watcher.Error += (_, _) => ScheduleReload();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The generation new requests get (use <see cref="Acquire"/> to keep it for a whole request).</summary>
    public ServiceState Current => Volatile.Read(ref _current);

    /// <summary>Generations swapped in since start.</summary>
    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>Config changes that could not be loaded (the old generation kept serving).</summary>
    public long FailedReloads => Interlocked.Read(ref _failedReloads);

    /// <summary>A lease on the current generation; it stays usable until the lease is disposed, whatever reloads happen meanwhile.</summary>
    public ServiceStateLease Acquire()
    {
        while (true)
        {
            // A state released between the read and the acquire has already been replaced: read again.
            var state = Current;
            if (state.TryAcquire()) return new ServiceStateLease(state);
        }
    }

    /// <summary>Loads the config again now; returns false (old state kept, failure logged and counted) when it cannot be used.</summary>
    public bool Reload()
    {
        lock (_reloadGate)
        {
            if (_disposed) return false;
            var generation = Current.Generation;
            ServiceState next;
            try
            {
                next = ServiceState.Load(_options, generation + 1);
            }
            catch (Exception e)
            {
                // Whatever went wrong, it went wrong in the new generation only: the service never dies of its config.
                Interlocked.Increment(ref _failedReloads);
                _logger.LogError("config reload failed, still serving generation {Generation}: {Message}", generation,
                    e is ResearchKitException ? e.Message : $"{e.GetType().Name}: {e.Message}");
                return false;
            }
            var old = Interlocked.Exchange(ref _current, next);
            Interlocked.Increment(ref _reloads);
            _logger.LogInformation("config reloaded: generation {Generation}", next.Generation);
            old.Release();
            return true;
        }
    }

    private void ScheduleReload()
    {
        // Editors write in several steps; wait for the burst to end.
        var timer = new Timer(_ => Reload(), null, Debounce, Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _debounce, timer)?.Dispose();
    }

    public void Dispose()
    {
        lock (_reloadGate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _watcher.Dispose();
        _debounce?.Dispose();
        Current.Release();
    }
}
