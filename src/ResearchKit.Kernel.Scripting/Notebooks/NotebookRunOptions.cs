namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>What <c>researchkit notebook run</c> was asked to do.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>The .ipynb, .dib or .csx file to run.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the executed notebook goes; null means NAME.out.ipynb beside an .ipynb/.dib input, and console output for .csx.</summary>
    public string? OutputPath { get; init; }

    /// <summary>NAME=VALUE parameters, injected after the cell tagged "parameters".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Per-cell limit; a cell over it is interrupted and fails.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Keep running after a failing cell (the error is still recorded); the exit code stays zero.</summary>
    public bool AllowErrors { get; init; }
}
