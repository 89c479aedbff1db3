using Microsoft.Data.Analysis;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Shows a Microsoft.Data.Analysis <see cref="DataFrame"/> as an HTML table of its first rows.</summary>
public sealed class DataFrameFormatter : IDisplayFormatter
{
    /// <summary>Rows shown before the rest is summarised.</summary>
    public const int MaxRows = 25;

    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is not DataFrame frame) return false;
        var shown = (int)Math.Min(frame.Rows.Count, MaxRows);
        var header = frame.Columns.Select(c => c.Name).Prepend("").ToList();
        var rows = Enumerable.Range(0, shown).Select(r =>
            (IReadOnlyList<string>)frame.Columns.Select(c => PlainTextFormatter.Format(c[r])).Prepend(r.ToString()).ToList());
        data["text/html"] = HtmlTable.Render(header, rows, frame.Rows.Count - shown);
        data["text/plain"] = $"DataFrame: {frame.Rows.Count} rows x {frame.Columns.Count} columns ({string.Join(", ", frame.Columns.Select(c => c.Name))})";
        return true;
    }
}
