using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>interrupt_reply content.</summary>
public sealed record InterruptReply([property: JsonPropertyName("status")] string Status);
