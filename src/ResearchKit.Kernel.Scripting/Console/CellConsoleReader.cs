namespace ResearchKit.Kernel.Scripting.Console;

/// <summary>Replaces Console.In once per process: Console.ReadLine inside a cell asks the cell's host (input_request in the kernel).</summary>
internal sealed class CellConsoleReader : TextReader
{
    private readonly TextReader _original;

    public CellConsoleReader(TextReader original) => _original = original;

    public override string? ReadLine() => CellContext.Current is { } cell ? cell.ReadLine("") : _original.ReadLine();

    public override int Read() => CellContext.Current is null ? _original.Read() : -1;

    public override int Peek() => CellContext.Current is null ? _original.Peek() : -1;
}
