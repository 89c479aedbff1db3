using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>comm_info_request content.</summary>
public sealed record CommInfoRequest([property: JsonPropertyName("target_name")] string? TargetName = null);
