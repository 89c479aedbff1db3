namespace ResearchKit.Service.Judging;

/// <summary>
/// Hands out judging tasks one at a time so two tabs never get the same one. The generator (which may take
/// seconds on a large space) runs in the background whenever fewer than <paramref name="lowWater"/> tasks are
/// queued, so a request waits for it only when the queue is empty. The generator is told every key handed out or
/// queued so it can leave them out (judged ones it leaves out itself); a repeated key is skipped anyway.
/// </summary>
public sealed class TaskQueue<T>(Func<IReadOnlySet<string>, IEnumerable<T>> generate, Func<T, string> key, int lowWater = 16) where T : class
{
    private readonly Queue<T> _queue = new();
    private readonly Queue<T> _returned = new();
    private readonly Dictionary<string, T> _handedOut = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task<int>? _refill;

    /// <summary>Starts filling the queue in the background (call at start-up so the first page load does not wait).</summary>
    public void Prefill()
    {
        lock (_gate) StartRefill();
    }

    /// <summary>The next task, or null when the generator has nothing new left.</summary>
    public async Task<T?> NextAsync()
    {
        // Keep going while refills bring new tasks: with many concurrent callers, the tasks one refill brings may all
        // go to others before this caller gets the gate again, so a fixed number of attempts would end it early.
        for (var attempt = 0; ; attempt++)
        {
            Task<int> running;
            lock (_gate)
            {
                while (_returned.TryDequeue(out var task) || _queue.TryDequeue(out task))
                {
                    if (!_handedOut.TryAdd(key(task), task)) continue;
                    if (_queue.Count < lowWater) StartRefill();
                    return task;
                }
                running = StartRefill();
            }
            // A refill that added nothing new and started after the last hand-out means the generator is exhausted.
            if (await running.ConfigureAwait(false) == 0 && attempt > 0) return null;
        }
    }

    /// <summary>
    /// Takes back tasks a page was given but will not answer (its tab closed or reloaded with them prefetched); they
    /// are handed out again before new ones. Unknown keys are ignored.
    /// </summary>
    public int Release(IEnumerable<string> keys)
    {
        lock (_gate)
        {
            var released = 0;
            foreach (var k in keys)
                if (_handedOut.Remove(k, out var task)) { _returned.Enqueue(task); released++; }
            return released;
        }
    }

    /// <summary>Up to <paramref name="count"/> next tasks.</summary>
    public async Task<IReadOnlyList<T>> NextAsync(int count)
    {
        var tasks = new List<T>(count);
        while (tasks.Count < count && await NextAsync().ConfigureAwait(false) is { } task) tasks.Add(task);
        return tasks;
    }

    // Called under the gate; returns the running refill, which resolves to the number of new tasks it queued.
    private Task<int> StartRefill()
    {
        if (_refill is { } running) return running;
        var known = new HashSet<string>(_handedOut.Keys, StringComparer.Ordinal);
        foreach (var queued in _queue.Concat(_returned)) known.Add(key(queued));
        return _refill = Task.Run(() =>
        {
            try
            {
                var fresh = generate(known).Where(t => !known.Contains(key(t))).ToList();
                lock (_gate) foreach (var task in fresh) _queue.Enqueue(task);
                return fresh.Count;
            }
            finally
            {
                lock (_gate) _refill = null;
            }
        });
    }
}
