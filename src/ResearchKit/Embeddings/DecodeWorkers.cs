namespace ResearchKit.Embeddings;

/// <summary>
/// The decoding side of <see cref="ImageBatchEmbedder"/>: workers take file indexes in order, as many at once as the
/// tuner's current worker count allows, and stay at most two batches ahead of the encoder so memory stays flat. Both
/// limits are read afresh for every file, so a count the tuner changes takes effect at once.
/// </summary>
internal sealed class DecodeWorkers
{
    private readonly object _gate = new();
    private readonly int _count;
    private readonly int _maxWorkers;
    private readonly ThroughputTuner _tuner;
    private readonly CancellationToken _cancellationToken;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _next;
    private int _active;
    private int _ahead;

    /// <param name="count">Files to decode, indexes 0 to count - 1.</param>
    /// <param name="cores">Cores of the machine: the most workers started unless the tuner was given more.</param>
    /// <param name="tuner">Source of the current worker count and batch size.</param>
    /// <param name="cancellationToken">Stops waiting workers.</param>
    public DecodeWorkers(int count, int cores, ThroughputTuner tuner, CancellationToken cancellationToken)
    {
        _count = count;
        _tuner = tuner;
        _maxWorkers = Math.Max(1, Math.Min(count, Math.Max(cores, tuner.DecodeWorkers)));
        _cancellationToken = cancellationToken;
    }

    /// <summary>Runs <paramref name="prepare"/> on every index and hands each result to <paramref name="deliver"/>.</summary>
    public Task RunAsync<T>(Func<int, T> prepare, Action<T> deliver) =>
        Task.WhenAll(Enumerable.Range(0, _maxWorkers).Select(_ => Task.Run(() => WorkAsync(prepare, deliver), _cancellationToken)));

    /// <summary>The encoder side is done with <paramref name="items"/> decoded files: decoding may run further ahead.</summary>
    public void Consumed(int items)
    {
        lock (_gate)
        {
            _ahead -= items;
            Signal();
        }
    }

    private async Task WorkAsync<T>(Func<int, T> prepare, Action<T> deliver)
    {
        while (true)
        {
            int index;
            Task wait;
            lock (_gate)
            {
                if (_next >= _count) return;
                if (_active < _tuner.DecodeWorkers && _ahead < Math.Max(2, 2 * _tuner.BatchSize))
                {
                    index = _next++;
                    _active++;
                    _ahead++;
                    wait = Task.CompletedTask;
                }
                else
                {
                    index = -1;
                    wait = _changed.Task;
                }
            }
            if (index < 0)
            {
                await wait.WaitAsync(_cancellationToken).ConfigureAwait(false);
                continue;
            }
            try
            {
                deliver(prepare(index));
            }
            finally
            {
                lock (_gate)
                {
                    _active--;
                    Signal();
                }
            }
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
