using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>comm_info_reply content: this kernel opens no comms, so the map is empty.</summary>
public sealed record CommInfoReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("comms")] JsonObject Comms);
