using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>inspect_request content; cursor_pos counts code points.</summary>
public sealed record InspectRequest(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("cursor_pos")] int CursorPos,
    [property: JsonPropertyName("detail_level")] int DetailLevel = 0);
