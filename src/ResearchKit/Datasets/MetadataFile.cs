using System.Text;
using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Datasets;

/// <summary>
/// Reads dataset metadata from CSV (RFC 4180 quoting, header row) or JSON lines (one object per line).
/// List fields (labels, tags) are JSON arrays, or in CSV one cell split on '|' or ';'.
/// </summary>
public static class MetadataFile
{
    private static readonly HashSet<string> ListFields = new(StringComparer.Ordinal) { "labels", "tags" };

    /// <summary>Reads every record of <paramref name="path"/>; the format follows the extension (.csv, else JSON lines).</summary>
    /// <exception cref="DatasetException">The file is missing or a line is malformed; the message names the line.</exception>
    public static IReadOnlyList<MetadataRow> Read(string path)
    {
        if (!File.Exists(path)) throw new DatasetException(path, "the metadata file does not exist; pass an existing CSV or JSON lines file, or leave it out.");
        return path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? ReadCsv(path) : ReadJsonLines(path);
    }

    private static List<MetadataRow> ReadJsonLines(string path)
    {
        var rows = new List<MetadataRow>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(text); }
            catch (JsonException e) { throw new DatasetException(path, $"line {line} is not valid JSON ({e.Message}); each line must be one JSON object.", e); }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new DatasetException(path, $"line {line} is a JSON {doc.RootElement.ValueKind}, not an object like {{\"path\": \"a.png\", \"tags\": [\"x\"]}}.");
                var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                foreach (var property in doc.RootElement.EnumerateObject())
                    fields[property.Name.ToLowerInvariant()] = property.Value.ValueKind switch
                    {
                        JsonValueKind.Array => [.. property.Value.EnumerateArray().Select(Text)],
                        JsonValueKind.Null => [],
                        _ => ListFields.Contains(property.Name.ToLowerInvariant()) ? SplitList(Text(property.Value)) : [Text(property.Value)],
                    };
                rows.Add(new MetadataRow(line, fields));
            }
        }
        return rows;

        static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText();
    }

    private static List<MetadataRow> ReadCsv(string path)
    {
        List<(int Line, List<string> Cells)> records;
        try { records = Csv.Parse(File.ReadAllText(path, Encoding.UTF8), path); }
        catch (FormatException e) { throw new DatasetException(path, e.Message[(path.Length + 2)..], e); }
        if (records.Count == 0) return [];
        var header = records[0].Cells.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var rows = new List<MetadataRow>(records.Count - 1);
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Count == 1 && cells[0].Length == 0) continue;
            if (cells.Count != header.Length)
                throw new DatasetException(path, $"line {line} has {cells.Count} cells but the header has {header.Length}; quote cells that contain commas.");
            var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
                fields[header[i]] = ListFields.Contains(header[i]) ? SplitList(cells[i]) : [cells[i]];
            rows.Add(new MetadataRow(line, fields));
        }
        return rows;
    }

    private static string[] SplitList(string cell) =>
        cell.Split(['|', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
