using System.Text.Json.Nodes;

namespace ResearchKit.Kernel.Scripting;

/// <summary>A MIME bundle: one representation per MIME type (text/plain always present) plus per-type metadata.</summary>
/// <param name="Data">MIME type to content: a string, or a JSON node for JSON types (application/vnd.plotly.v1+json).</param>
/// <param name="Metadata">Optional per-type metadata (e.g. image sizes).</param>
public sealed record DisplayBundle(IReadOnlyDictionary<string, object> Data, IReadOnlyDictionary<string, object>? Metadata = null)
{
    /// <summary>The text/plain representation.</summary>
    public string PlainText => Data.TryGetValue("text/plain", out var text) ? text as string ?? "" : "";

    /// <summary>A bundle received as JSON (from a kernel's display_data): strings stay strings, JSON types stay JSON.</summary>
    public static DisplayBundle FromJson(JsonObject data, JsonObject? metadata = null)
    {
        static Dictionary<string, object> Read(JsonObject json) => json
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value is JsonValue value && value.TryGetValue<string>(out var text) ? (object)text : p.Value!.DeepClone());
        return new DisplayBundle(Read(data), metadata is null || metadata.Count == 0 ? null : Read(metadata));
    }

    /// <summary>The bundle as a JSON object, as Jupyter and nbformat store it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject();
        foreach (var (mime, value) in Data)
            json[mime] = value is JsonNode node ? node.DeepClone() : JsonValue.Create(value.ToString());
        return json;
    }

    /// <summary>The metadata as a JSON object (empty when none).</summary>
    public JsonObject MetadataJson()
    {
        var json = new JsonObject();
        foreach (var (mime, value) in Metadata ?? new Dictionary<string, object>())
            json[mime] = value is JsonNode node ? node.DeepClone() : JsonValue.Create(value.ToString());
        return json;
    }
}
