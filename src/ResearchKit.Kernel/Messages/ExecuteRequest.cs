using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>execute_request content: the code of one cell and how to run it.</summary>
public sealed record ExecuteRequest(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("silent")] bool Silent = false,
    [property: JsonPropertyName("store_history")] bool StoreHistory = true,
    [property: JsonPropertyName("user_expressions")] JsonObject? UserExpressions = null,
    [property: JsonPropertyName("allow_stdin")] bool AllowStdin = true,
    [property: JsonPropertyName("stop_on_error")] bool StopOnError = true);
