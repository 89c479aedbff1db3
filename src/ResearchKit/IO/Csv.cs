using System.Text;

namespace ResearchKit.IO;

/// <summary>RFC 4180 CSV: quoted cells may hold commas, doubled quotes and line breaks.</summary>
public static class Csv
{
    /// <summary>Splits CSV text into records with the line each starts on; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="FormatException">A quoted cell is never closed.</exception>
    public static List<(int Line, List<string> Cells)> Parse(string text, string source)
    {
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; cell.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when cell.Length == 0: quoted = true; break;
                case ',': cells.Add(cell.ToString()); cell.Clear(); break;
                case '\r': break;
                case '\n':
                    cells.Add(cell.ToString()); cell.Clear();
                    records.Add((recordLine, cells)); cells = [];
                    recordLine = ++line;
                    break;
                default: cell.Append(c); break;
            }
        }
        if (quoted) throw new FormatException($"{source}: a quoted cell opened on line {recordLine} is never closed.");
        if (cell.Length > 0 || cells.Count > 0) { cells.Add(cell.ToString()); records.Add((recordLine, cells)); }
        return records;
    }

    /// <summary>One CSV line from cells, quoting those that need it.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(",", cells.Select(Escape));

    private static string Escape(string? cell)
    {
        cell ??= "";
        return cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
    }
}
