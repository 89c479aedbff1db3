using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>stream content: text the cell wrote to stdout or stderr.</summary>
public sealed record StreamText(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("text")] string Text);
