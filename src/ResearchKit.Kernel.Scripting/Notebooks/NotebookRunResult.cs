namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>How a notebook run ended: where the output went, and the first failing cell, if any.</summary>
/// <param name="OutputPath">The executed notebook, or null when outputs went to the console.</param>
/// <param name="CellsRun">Code cells executed.</param>
/// <param name="FailedCell">1-based index among all cells of the first failure, or null.</param>
/// <param name="Error">That failure's error.</param>
public sealed record NotebookRunResult(string? OutputPath, int CellsRun, int? FailedCell, CellError? Error)
{
    public bool Succeeded => Error is null && !Cancelled;

    /// <summary>True when the run was interrupted (Ctrl+C) before its end; the notebook holds the cells that ran.</summary>
    public bool Cancelled { get; init; }
}
