namespace ResearchKit.Embeddings;

/// <summary>
/// Reports progress on the reporting thread at once. <see cref="Progress{T}"/> posts to the thread pool instead,
/// which lets reports arrive out of order and after the work has finished.
/// </summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
