using System.Collections.Concurrent;

namespace ResearchKit.Service.Judging;

/// <summary>
/// Hands out judging tasks one at a time so two tabs never get the same one, refilling from a generator when it
/// runs low; tasks whose key was already handed out or judged are skipped.
/// </summary>
public sealed class TaskQueue<T>(Func<IReadOnlySet<string>, IEnumerable<T>> generate, Func<T, string> key)
{
    private readonly ConcurrentQueue<T> _queue = new();
    private readonly HashSet<string> _handedOut = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The next task, or default when the generator has nothing left.</summary>
    public T? Next()
    {
        lock (_gate)
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                while (_queue.TryDequeue(out var task))
                    if (_handedOut.Add(key(task))) return task;
                foreach (var task in generate(_handedOut)) _queue.Enqueue(task);
            }
            return default;
        }
    }

    /// <summary>Lets a task be handed out again (after an undo).</summary>
    public void Release(string taskKey)
    {
        lock (_gate) _handedOut.Remove(taskKey);
    }
}
