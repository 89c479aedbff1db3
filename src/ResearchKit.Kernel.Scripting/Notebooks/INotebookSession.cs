namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>
/// Where a notebook's cells run, one after another with shared state: in this process (<see cref="EvaluatorSession"/>),
/// or in a kernel process that may die without taking the runner with it.
/// </summary>
public interface INotebookSession : IAsyncDisposable
{
    /// <summary>False once whatever runs the cells has ended; the remaining cells cannot run.</summary>
    bool IsAlive { get; }

    /// <summary>Runs one cell; cancelling <paramref name="interrupted"/> interrupts it. Errors come back in the outcome.</summary>
    Task<CellOutcome> RunCellAsync(string code, ICellHost host, string cellName, CancellationToken interrupted);
}
