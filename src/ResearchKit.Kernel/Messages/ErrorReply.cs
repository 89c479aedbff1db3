using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>A generic error reply for a request the kernel could not serve (status, ename, evalue, traceback).</summary>
public sealed record ErrorReply(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("ename")] string ErrorName,
    [property: JsonPropertyName("evalue")] string ErrorValue,
    [property: JsonPropertyName("traceback")] IReadOnlyList<string> Traceback);
