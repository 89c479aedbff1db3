using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>complete_reply content; cursor_start and cursor_end count code points.</summary>
public sealed record CompleteReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("matches")] IReadOnlyList<string> Matches,
    [property: JsonPropertyName("cursor_start")] int CursorStart,
    [property: JsonPropertyName("cursor_end")] int CursorEnd,
    [property: JsonPropertyName("metadata")] JsonObject Metadata);
