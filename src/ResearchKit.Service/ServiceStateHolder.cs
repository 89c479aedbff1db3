using Microsoft.Extensions.Logging;

namespace ResearchKit.Service;

/// <summary>
/// Holds the current <see cref="ServiceState"/> and swaps in a new one when the config file changes. The swap is a
/// single reference assignment; a config that fails to load is logged and the old state keeps serving. Old states
/// are disposed after the request timeout has passed, so requests still using them finish first.
/// </summary>
public sealed class ServiceStateHolder : IDisposable
{
    private readonly ServiceOptions _options;
    private readonly ILogger _logger;
    private readonly FileSystemWatcher _watcher;
    private readonly Lock _reloadGate = new();
    private ServiceState _current;
    private Timer? _debounce;

    public ServiceStateHolder(ServiceOptions options, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _current = ServiceState.Load(options, 1);
        var full = Path.GetFullPath(options.ConfigPath);
        // Watch the folder: editors and AtomicFile replace the file by rename, which a file watch would miss.
        _watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            EnableRaisingEvents = true,
        };
        _watcher.Changed += (_, _) => ScheduleReload();
        _watcher.Created += (_, _) => ScheduleReload();
        _watcher.Renamed += (_, _) => ScheduleReload();
    }

    public ServiceState Current => Volatile.Read(ref _current);

    public long Reloads { get; private set; }
    public long FailedReloads { get; private set; }

    /// <summary>Loads the config again now; returns false (old state kept) when the new config is unusable.</summary>
    public bool Reload()
    {
        lock (_reloadGate)
        {
            ServiceState next;
            try
            {
                next = ServiceState.Load(_options, Current.Generation + 1);
            }
            catch (Exception e) when (e is ResearchKitException or IOException or ArgumentException)
            {
                FailedReloads++;
                _logger.LogError("config reload failed, still serving generation {Generation}: {Message}", Current.Generation, e.Message);
                return false;
            }
            var old = Interlocked.Exchange(ref _current, next);
            Reloads++;
            _logger.LogInformation("config reloaded: generation {Generation}", next.Generation);
            _ = Task.Delay(_options.RequestTimeout + TimeSpan.FromSeconds(1)).ContinueWith(_ => old.Dispose(), TaskScheduler.Default);
            return true;
        }
    }

    private void ScheduleReload()
    {
        // Editors write in several steps; wait for the burst to end.
        var timer = new Timer(_ => Reload(), null, TimeSpan.FromMilliseconds(200), Timeout.InfiniteTimeSpan);
        Interlocked.Exchange(ref _debounce, timer)?.Dispose();
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _debounce?.Dispose();
        Current.Dispose();
    }
}
