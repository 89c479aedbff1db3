using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>status content: busy, idle or starting.</summary>
public sealed record StatusContent([property: JsonPropertyName("execution_state")] string ExecutionState);
