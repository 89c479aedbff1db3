using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>history_reply content: this kernel keeps no history, so the list is empty.</summary>
public sealed record HistoryReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("history")] JsonArray History);
