using System.Text.Json;
using ResearchKit.Search;

namespace ResearchKit.Evaluation;

/// <summary>
/// Reads a query file: JSON lines with <c>gallery</c>, either <c>text</c> or <c>image</c> (an id, with an
/// optional <c>image_split</c>), and <c>relevant</c> (an array of ids), as data/emoji/prepare.py writes them.
/// </summary>
public static class TestQueryFile
{
    /// <summary>Every query of <paramref name="path"/>; blank lines are skipped.</summary>
    /// <exception cref="TestCollectionException">The file is missing or a line is malformed; the message names the line.</exception>
    public static IReadOnlyList<TestQuery> Read(string path)
    {
        if (!File.Exists(path)) throw new TestCollectionException(path, "the query file does not exist; the test collection is incomplete (build it again) or this is not its root folder.");
        var queries = new List<TestQuery>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                queries.Add(Parse(doc.RootElement, path, line));
            }
            catch (JsonException e)
            {
                throw new TestCollectionException(path, $"line {line} is not valid JSON ({e.Message}); each line must be one object like {{\"gallery\":\"heldout\",\"text\":\"red apple\",\"relevant\":[\"twemoji/1F34E\"]}}.", e);
            }
        }
        return queries;
    }

    private static TestQuery Parse(JsonElement e, string path, int line)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new TestCollectionException(path, $"line {line} is a JSON {e.ValueKind}, not an object.");
        var gallery = String(e, "gallery") ?? throw new TestCollectionException(path, $"line {line} has no \"gallery\" (the split to search, e.g. \"heldout\").");
        var text = String(e, "text");
        var image = String(e, "image");
        if ((text is null) == (image is null))
            throw new TestCollectionException(path, $"line {line} must have exactly one of \"text\" and \"image\".");
        if (!e.TryGetProperty("relevant", out var rel) || rel.ValueKind != JsonValueKind.Array || rel.GetArrayLength() == 0)
            throw new TestCollectionException(path, $"line {line} needs \"relevant\": a non-empty array of item ids in the gallery.");
        var relevant = rel.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! :
            throw new TestCollectionException(path, $"line {line}: \"relevant\" must hold strings (item ids).")).ToArray();
        // A text line's image_split means nothing and is ignored, as it always was: files that held one still read.
        try
        {
            return text is not null
                ? new TestQuery { Gallery = gallery, Query = new TextQuery(text), Relevant = relevant }
                : new TestQuery { Gallery = gallery, Query = new ItemQuery(image!), ImageSplit = String(e, "image_split"), Relevant = relevant };
        }
        catch (ArgumentException problem)
        {
            throw new TestCollectionException(path, $"line {line}: {problem.Message}", problem);
        }
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
