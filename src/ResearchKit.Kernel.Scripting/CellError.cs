namespace ResearchKit.Kernel.Scripting;

/// <summary>A failed cell: exception name, message and readable traceback lines (cell and line numbers, no compiler plumbing).</summary>
public sealed record CellError(string Name, string Message, IReadOnlyList<string> Traceback);
