using System.Text;
using ResearchKit.Kernel.Scripting.Display;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// The running cell, as seen from inside it: its host, formatters, output budget and interrupt token. Found through an
/// async-local, so Console output from the cell (and tasks it starts) reaches the right host even with several evaluators.
/// </summary>
internal sealed class CellContext
{
    private static readonly AsyncLocal<CellContext?> CurrentCell = new();
    private readonly Dictionary<string, StringBuilder> _pending = new() { ["stdout"] = new(), ["stderr"] = new() };
    private readonly object _gate = new();
    private long _written;
    private bool _truncated;

    public CellContext(ICellHost host, DisplayFormatterRegistry formatters, PlotlyLoader charts, string cellName, long maxOutputChars, CancellationToken interrupted)
    {
        Host = host;
        Charts = charts;
        Formatters = formatters;
        CellName = cellName;
        MaxOutputChars = maxOutputChars;
        Interrupted = interrupted;
    }

    public static CellContext? Current
    {
        get => CurrentCell.Value;
        set => CurrentCell.Value = value;
    }

    public ICellHost Host { get; }
    public DisplayFormatterRegistry Formatters { get; }
    public PlotlyLoader Charts { get; }
    public string CellName { get; }
    public long MaxOutputChars { get; }
    public CancellationToken Interrupted { get; }

    /// <summary>Set when the evaluator stopped waiting for this cell; its late state is discarded.</summary>
    public volatile bool Abandoned;

    /// <summary>Completed once the cell has compiled (or failed to), so interrupt grace counts only running time.</summary>
    public TaskCompletionSource Compiled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Buffers stream text and sends whole lines; past the budget, text is dropped with one note.</summary>
    public void Write(string stream, string text)
    {
        lock (_gate)
        {
            if (_truncated) return;
            if (_written + text.Length > MaxOutputChars)
            {
                var room = (int)Math.Max(0, MaxOutputChars - _written);
                _pending[stream].Append(text, 0, room);
                _pending[stream].Append($"\n[output truncated: {CellName} wrote more than {MaxOutputChars:N0} characters; the rest was dropped]\n");
                _truncated = true;
                FlushLocked();
                return;
            }
            _written += text.Length;
            var buffer = _pending[stream].Append(text);
            var lastNewline = LastIndexOf(buffer, '\n');
            if (lastNewline < 0) return;
            var lines = buffer.ToString(0, lastNewline + 1);
            buffer.Remove(0, lastNewline + 1);
            Host.WriteStream(stream, lines);
        }
    }

    /// <summary>Sends buffered partial lines (before a display, an input prompt, and at the end of the cell).</summary>
    public void Flush()
    {
        lock (_gate) FlushLocked();
    }

    public void Display(DisplayBundle bundle, string displayId, bool update)
    {
        Flush();
        Host.Display(Charts.Attach(bundle), displayId, update);
    }

    public string ReadLine(string prompt)
    {
        Flush();
        return Host.ReadLine(prompt, password: false);
    }

    private void FlushLocked()
    {
        foreach (var (stream, buffer) in _pending)
        {
            if (buffer.Length == 0) continue;
            Host.WriteStream(stream, buffer.ToString());
            buffer.Clear();
        }
    }

    private static int LastIndexOf(StringBuilder buffer, char c)
    {
        for (var i = buffer.Length - 1; i >= 0; i--)
            if (buffer[i] == c) return i;
        return -1;
    }
}
