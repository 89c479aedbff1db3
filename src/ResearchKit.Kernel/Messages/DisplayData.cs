using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>display_data and update_display_data content: a MIME bundle, its metadata and the display id in transient.</summary>
public sealed record DisplayData(
    [property: JsonPropertyName("data")] JsonObject Data,
    [property: JsonPropertyName("metadata")] JsonObject Metadata,
    [property: JsonPropertyName("transient")] DisplayTransient? Transient = null);
