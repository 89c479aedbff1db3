using ResearchKit.Kernel.Scripting.Display;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// The names every cell sees besides its own variables: <c>display</c>, <c>Html</c>, <c>progress</c> and the
/// interrupt token for long library calls. Lower-case names follow the notebook habit (<c>display(x)</c>).
/// </summary>
public sealed class NotebookGlobals
{
    private static int _nextDisplay;

    /// <summary>Shows a value now, with the same formatters as a cell's last expression; the handle updates it in place.</summary>
    public DisplayHandle display(object? value)
    {
        var cell = Cell();
        var handle = new DisplayHandle(NextDisplayId(), cell);
        cell.Display(cell.Formatters.Format(value), handle.DisplayId, update: false);
        return handle;
    }

    /// <summary>Shows a value formatted for the given mime types (.NET Interactive's <c>display(x, "text/html")</c>).</summary>
    public DisplayHandle display(object? value, params string[] mimeTypes)
    {
        if (mimeTypes.Length == 0) return display(value);
        var cell = Cell();
        var handle = new DisplayHandle(NextDisplayId(), cell);
        cell.Display(Polyglot.InteractiveFormatting.Format(value, mimeTypes), handle.DisplayId, update: false);
        return handle;
    }

    /// <summary>Markup shown as HTML.</summary>
    public HtmlString Html(string html) => new(html);

    /// <summary>Markup shown as HTML, as .NET Interactive's <c>HTML("…")</c> (an IHtmlContent, usable inside PocketView).</summary>
    public Microsoft.AspNetCore.Html.IHtmlContent HTML(string content) => new Microsoft.AspNetCore.Html.HtmlString(content);

    /// <summary>Runs script in the front end, as .NET Interactive's <c>Javascript("…")</c>.</summary>
    public void Javascript(string scriptContent) => display(new HtmlString($"<script type=\"text/javascript\">{scriptContent}</script>"));

    /// <summary>Adds a style sheet to the page, as .NET Interactive's <c>CSS("…")</c>.</summary>
    public void CSS(string content) => display(new HtmlString($"<style>{content}</style>"));

    /// <summary>A progress bar for <paramref name="total"/> items that updates in place.</summary>
    public ProgressDisplay progress(string label, int total)
    {
        var handle = display(ProgressDisplay.Render($"{label}: 0/{total} (0%)", 0, total));
        return new ProgressDisplay(handle, label, total);
    }

    /// <summary>Cancelled when the running cell is interrupted: pass it to long library calls.</summary>
    public CancellationToken CellCancellation => CellContext.Current?.Interrupted ?? CancellationToken.None;

    /// <summary>A display id unique in this process.</summary>
    internal static string NextDisplayId() => $"rk-{Environment.ProcessId}-{Interlocked.Increment(ref _nextDisplay)}";

    private static CellContext Cell() =>
        CellContext.Current ?? throw new InvalidOperationException("display() was called outside a running cell (e.g. from a background task that outlived it).");
}
