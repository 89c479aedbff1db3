using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>execute_result content: the value of the cell's last expression as a MIME bundle.</summary>
public sealed record ExecuteResult(
    [property: JsonPropertyName("execution_count")] int ExecutionCount,
    [property: JsonPropertyName("data")] JsonObject Data,
    [property: JsonPropertyName("metadata")] JsonObject Metadata);
