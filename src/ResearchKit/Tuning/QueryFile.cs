using System.Text.Json;

namespace ResearchKit.Tuning;

/// <summary>
/// Reads benchmark queries from JSON lines, one query per line: <c>{"text": "cat face", "relevant": ["a", "b"]}</c>
/// for a text query or <c>{"image": "ITEM_ID", "relevant": [...]}</c> for "more like this" (read as <c>id:ITEM_ID</c>).
/// Every listed item has relevance 1; other fields (such as the emoji benchmark's <c>gallery</c>) are ignored.
/// </summary>
public static class QueryFile
{
    /// <summary>The queries of <paramref name="path"/>, in file order.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="FormatException">A line is not JSON, has neither text nor image, or lists no relevant items.</exception>
    public static IReadOnlyList<TuningQuery> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"no query file at {path}; pass a JSON-lines file with 'text' or 'image' and 'relevant' on each line.", path);
        var queries = new List<TuningQuery>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Trim().Length == 0) continue;
            queries.Add(Parse(line, $"{path}:{number}"));
        }
        return queries;
    }

    private static TuningQuery Parse(string line, string where)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException e)
        {
            throw new FormatException($"{where}: not a JSON object ({e.Message}).", e);
        }
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException($"{where}: not a JSON object.");
        var query = Text(root, "text") is { } text ? text
            : Text(root, "image") is { } image ? "id:" + image
            : throw new FormatException($"{where}: needs a \"text\" or an \"image\" (item id).");
        if (!root.TryGetProperty("relevant", out var relevant) || relevant.ValueKind != JsonValueKind.Array || relevant.GetArrayLength() == 0)
            throw new FormatException($"{where}: needs \"relevant\", a non-empty list of item ids.");
        var relevance = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in relevant.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String) throw new FormatException($"{where}: \"relevant\" holds a non-string entry.");
            relevance[id.GetString()!] = 1;
        }
        return new TuningQuery(query, relevance);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0 ? value.GetString() : null;
}
