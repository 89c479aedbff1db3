using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>execute_input content: the code being run, broadcast on iopub.</summary>
public sealed record ExecuteInput(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("execution_count")] int ExecutionCount);
