using System.Globalization;
using System.Text;
using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Tuning;

/// <summary>
/// Judgments as files: CSV (header <c>anchor,a,b,answer,judge</c> or <c>query,item,relevance,judge</c>) or JSON lines
/// with the same field names; the extension (.csv, else JSON lines) picks the format.
/// </summary>
public static class JudgmentFiles
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static void WriteTriplets(string path, IEnumerable<TripletJudgment> triplets) =>
        Write(path, ["anchor", "a", "b", "answer", "judge"], triplets.Select(t => new object?[] { t.Anchor, t.A, t.B, t.Answer.ToString(), t.Judge }),
            triplets.Select(t => JsonSerializer.Serialize(new { t.Anchor, t.A, t.B, answer = t.Answer.ToString(), t.Judge }, Json)));

    public static void WriteRelevance(string path, IEnumerable<RelevanceJudgment> judgments) =>
        Write(path, ["query", "item", "relevance", "judge"], judgments.Select(r => new object?[] { r.Query, r.Item, r.Relevance.ToString(CultureInfo.InvariantCulture), r.Judge }),
            judgments.Select(r => JsonSerializer.Serialize(new { r.Query, r.Item, r.Relevance, r.Judge }, Json)));

    /// <summary>Reads triplets; a bad answer or a missing field names the line.</summary>
    /// <exception cref="FormatException">A line is malformed.</exception>
    public static IReadOnlyList<TripletJudgment> ReadTriplets(string path) =>
        [.. Records(path).Select(r => new TripletJudgment(Field(r, "anchor"), Field(r, "a"), Field(r, "b"),
            Enum.TryParse<TripletAnswer>(Field(r, "answer"), true, out var answer) ? answer
                : throw new FormatException($"{path}: line {r.Line}: answer '{Field(r, "answer")}' is not A, B, TooSimilar, AnchorTooDifferent or DontKnow."),
            r.Fields.GetValueOrDefault("judge") is { Length: > 0 } j ? j : null))];

    /// <summary>Reads relevance judgments; a non-numeric relevance names the line.</summary>
    /// <exception cref="FormatException">A line is malformed.</exception>
    public static IReadOnlyList<RelevanceJudgment> ReadRelevance(string path) =>
        [.. Records(path).Select(r => new RelevanceJudgment(Field(r, "query"), Field(r, "item"),
            double.TryParse(Field(r, "relevance"), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
                : throw new FormatException($"{path}: line {r.Line}: relevance '{Field(r, "relevance")}' is not a number."),
            r.Fields.GetValueOrDefault("judge") is { Length: > 0 } j ? j : null))];

    private sealed record Record(string Path, int Line, Dictionary<string, string> Fields);

    private static string Field(Record r, string name) =>
        r.Fields.TryGetValue(name, out var v) && v.Length > 0 ? v : throw new FormatException($"{r.Path}: line {r.Line} has no '{name}'.");

    private static IEnumerable<Record> Records(string path)
    {
        if (!File.Exists(path)) throw new FormatException($"{path}: no such judgments file.");
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            var rows = Csv.Parse(File.ReadAllText(path, Encoding.UTF8), path);
            if (rows.Count == 0) yield break;
            var header = rows[0].Cells.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            foreach (var (line, cells) in rows.Skip(1))
                if (!(cells.Count == 1 && cells[0].Length == 0))
                    yield return new Record(path, line, header.Zip(cells).ToDictionary(p => p.First, p => p.Second));
            yield break;
        }
        var number = 0;
        foreach (var text in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            Dictionary<string, JsonElement>? fields;
            try { fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text); }
            catch (JsonException e) { throw new FormatException($"{path}: line {number} is not a JSON object ({e.Message}).", e); }
            yield return new Record(path, number, fields!.ToDictionary(p => p.Key.ToLowerInvariant(),
                p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.ValueKind == JsonValueKind.Null ? "" : p.Value.GetRawText()));
        }
    }

    private static void Write(string path, string[] header, IEnumerable<object?[]> rows, IEnumerable<string> jsonLines)
    {
        var text = new StringBuilder();
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            text.Append(Csv.Line(header)).Append('\n');
            foreach (var row in rows) text.Append(Csv.Line(row.Select(c => c?.ToString()))).Append('\n');
        }
        else
        {
            foreach (var line in jsonLines) text.Append(line).Append('\n');
        }
        AtomicFile.WriteText(path, text.ToString());
    }
}
