using System.Runtime.CompilerServices;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// The check the evaluator writes into every loop body and method body of a submission, so an interrupt stops a
/// running cell at its next iteration or call (.NET cannot abort a thread), and unbounded recursion in a cell's own
/// methods fails with <see cref="InsufficientExecutionStackException"/> instead of a stack overflow, which would end the
/// process. Public only because submissions call it.
/// </summary>
public static class CellInterruption
{
    /// <summary>
    /// Throws <see cref="OperationCanceledException"/> when the running cell was interrupted, and
    /// <see cref="InsufficientExecutionStackException"/> when the stack is nearly used up.
    /// </summary>
    public static void Check()
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (CellContext.Current is { } cell) cell.Interrupted.ThrowIfCancellationRequested();
    }

    /// <summary>What a cell's <c>Thread.Sleep(ms)</c> becomes: the same pause, cut short by an interrupt.</summary>
    public static void Sleep(int milliseconds)
    {
        if (CellContext.Current is { } cell) cell.Interrupted.WaitHandle.WaitOne(milliseconds);
        else Thread.Sleep(milliseconds);
        Check();
    }

    /// <summary>What a cell's <c>Thread.Sleep(timeSpan)</c> becomes.</summary>
    public static void Sleep(TimeSpan duration) => Sleep((int)Math.Clamp(duration.TotalMilliseconds, -1, int.MaxValue));
}
