using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>is_complete_reply content: complete, incomplete (with indent), invalid or unknown.</summary>
public sealed record IsCompleteReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("indent")] string? Indent = null);
