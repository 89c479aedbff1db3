using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>clear_output content: clear the cell's output, now or when the next output arrives.</summary>
public sealed record ClearOutput([property: JsonPropertyName("wait")] bool Wait);
