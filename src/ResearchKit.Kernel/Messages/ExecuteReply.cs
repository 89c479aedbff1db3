using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>execute_reply content: ok (with user_expressions and payload) or error (with ename, evalue, traceback).</summary>
public sealed record ExecuteReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("execution_count")] int ExecutionCount,
    [property: JsonPropertyName("user_expressions")] JsonObject? UserExpressions = null,
    [property: JsonPropertyName("payload")] JsonArray? Payload = null,
    [property: JsonPropertyName("ename")] string? ErrorName = null,
    [property: JsonPropertyName("evalue")] string? ErrorValue = null,
    [property: JsonPropertyName("traceback")] IReadOnlyList<string>? Traceback = null);
