using System.Text;

namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>
/// Reads Polyglot Notebooks' <c>.dib</c> text format: cells start at a line <c>#!csharp</c> (or <c>#!c#</c>),
/// <c>#!markdown</c>, <c>#!meta</c>, …; C# cells become code cells, markdown stays markdown, HTML and JavaScript cells
/// become code cells that keep their <c>#!</c> line (shown as what they are), other languages are kept as raw cells.
/// </summary>
public static class DibReader
{
    /// <summary>(kind, source) per cell, kind being "code", "markdown" or "raw"; the meta block is dropped.</summary>
    public static IReadOnlyList<(string Kind, string Source)> ReadCells(string text)
    {
        var cells = new List<(string, string)>();
        string? kernel = "csharp";
        var source = new StringBuilder();
        void Close()
        {
            var body = source.ToString().Trim('\n', '\r');
            source.Clear();
            if (kernel is null or "meta" || body.Trim().Length == 0) return;
            // HTML and JavaScript cells run as what they are (the kernel shows them); other languages are kept, not run.
            cells.Add(kernel switch
            {
                "csharp" or "c#" => ("code", body),
                "markdown" or "md" => ("markdown", body),
                "html" or "javascript" or "js" => ("code", $"#!{kernel}\n{body}"),
                _ => ("raw", body),
            });
        }
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("#!", StringComparison.Ordinal) && line.Length > 2 && !line.Contains(' ', StringComparison.Ordinal))
            {
                Close();
                kernel = line[2..].ToLowerInvariant();
                continue;
            }
            source.Append(line).Append('\n');
        }
        Close();
        return cells;
    }
}
