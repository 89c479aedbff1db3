using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>inspect_reply content: whether something was found, and its description as a MIME bundle.</summary>
public sealed record InspectReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("found")] bool Found,
    [property: JsonPropertyName("data")] JsonObject Data,
    [property: JsonPropertyName("metadata")] JsonObject Metadata);
