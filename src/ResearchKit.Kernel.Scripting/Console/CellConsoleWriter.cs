using System.Text;

namespace ResearchKit.Kernel.Scripting.Console;

/// <summary>Replaces Console.Out/Error once per process: text written inside a cell goes to that cell's host, other text to the original stream.</summary>
internal sealed class CellConsoleWriter : TextWriter
{
    private readonly string _stream;
    private readonly TextWriter _original;

    public CellConsoleWriter(string stream, TextWriter original)
    {
        _stream = stream;
        _original = original;
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write(value.ToString());

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        if (CellContext.Current is { } cell) cell.Write(_stream, value);
        else _original.Write(value);
    }

    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    public override void Flush()
    {
        if (CellContext.Current is { } cell) cell.Flush();
        else _original.Flush();
    }
}
