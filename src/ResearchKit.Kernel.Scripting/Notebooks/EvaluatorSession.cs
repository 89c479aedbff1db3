namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>Cells run in this process by a <see cref="CSharpEvaluator"/>: fast, but a cell that ends the process ends the run too.</summary>
public sealed class EvaluatorSession : INotebookSession
{
    private readonly CSharpEvaluator _evaluator;

    private EvaluatorSession(CSharpEvaluator evaluator) => _evaluator = evaluator;

    /// <summary>An evaluator for the notebook's folder, warmed up so Roslyn's start-up does not count against the first cell.</summary>
    public static async Task<INotebookSession> StartAsync(string workingDirectory, CancellationToken cancellationToken)
    {
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { WorkingDirectory = workingDirectory });
        await evaluator.WarmUpAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return new EvaluatorSession(evaluator);
    }

    /// <inheritdoc />
    public bool IsAlive => true;

    /// <inheritdoc />
    public Task<CellOutcome> RunCellAsync(string code, ICellHost host, string cellName, CancellationToken interrupted) =>
        _evaluator.EvaluateAsync(code, host, cellName, interrupted);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
