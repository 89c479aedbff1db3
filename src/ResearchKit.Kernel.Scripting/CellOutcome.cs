namespace ResearchKit.Kernel.Scripting;

/// <summary>How a cell ended: its last expression's bundle (if any), or an error.</summary>
public sealed record CellOutcome(DisplayBundle? Result, CellError? Error)
{
    public bool Succeeded => Error is null;
}
