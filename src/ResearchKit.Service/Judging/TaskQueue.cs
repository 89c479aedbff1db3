namespace ResearchKit.Service.Judging;

/// <summary>
/// Hands out judging tasks one at a time so two tabs never get the same one, refilling from a generator when it
/// runs dry; a task whose key was already handed out is skipped. The generator sees the handed-out keys so it
/// can leave them out (it leaves out judged ones itself).
/// </summary>
public sealed class TaskQueue<T>(Func<IReadOnlySet<string>, IEnumerable<T>> generate, Func<T, string> key) where T : class
{
    private readonly Queue<T> _queue = new();
    private readonly HashSet<string> _handedOut = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The next task, or null when the generator has nothing left.</summary>
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
            return null;
        }
    }

    /// <summary>Up to <paramref name="count"/> next tasks.</summary>
    public IReadOnlyList<T> Next(int count)
    {
        var tasks = new List<T>(count);
        while (tasks.Count < count && Next() is { } task) tasks.Add(task);
        return tasks;
    }
}
