using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>input_reply content: what the user typed.</summary>
public sealed record InputReply([property: JsonPropertyName("value")] string Value);
