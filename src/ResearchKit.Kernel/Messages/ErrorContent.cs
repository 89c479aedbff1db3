using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>error content on iopub: exception name, message and traceback lines.</summary>
public sealed record ErrorContent(
    [property: JsonPropertyName("ename")] string ErrorName,
    [property: JsonPropertyName("evalue")] string ErrorValue,
    [property: JsonPropertyName("traceback")] IReadOnlyList<string> Traceback);
