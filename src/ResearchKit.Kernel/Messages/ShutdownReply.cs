using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>shutdown_reply content.</summary>
public sealed record ShutdownReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("restart")] bool Restart);
