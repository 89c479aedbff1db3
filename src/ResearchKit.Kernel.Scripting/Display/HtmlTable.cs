using System.Net;
using System.Text;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Builds a plain HTML table with escaped cells and a note when rows were left out.</summary>
public static class HtmlTable
{
    /// <summary>A table of the given header and rows; <paramref name="omittedRows"/> adds a "… more rows" line.</summary>
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, long omittedRows = 0)
    {
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var column in header) html.Append("<th>").Append(WebUtility.HtmlEncode(column)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        if (omittedRows > 0) html.Append($"<p>… {omittedRows} more rows</p>");
        return html.ToString();
    }
}
