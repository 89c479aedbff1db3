using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>is_complete_request content.</summary>
public sealed record IsCompleteRequest([property: JsonPropertyName("code")] string Code);
