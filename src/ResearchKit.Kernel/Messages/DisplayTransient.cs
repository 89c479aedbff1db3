using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>The transient part of a display message: the id an update_display_data refers to.</summary>
public sealed record DisplayTransient([property: JsonPropertyName("display_id")] string DisplayId);
