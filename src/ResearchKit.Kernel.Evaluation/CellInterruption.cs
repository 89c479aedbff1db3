namespace ResearchKit.Kernel.Evaluation;

/// <summary>
/// The check the evaluator writes into every loop body and method body of a submission, so an interrupt stops a
/// running cell at its next iteration or call (.NET cannot abort a thread). Public only because submissions call it.
/// </summary>
public static class CellInterruption
{
    /// <summary>Throws <see cref="OperationCanceledException"/> when the running cell was interrupted.</summary>
    public static void Check()
    {
        if (CellContext.Current is { } cell) cell.Interrupted.ThrowIfCancellationRequested();
    }
}
