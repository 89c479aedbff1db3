using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>input_request content, sent on stdin to the front end that asked for the execution.</summary>
public sealed record InputRequest(
    [property: JsonPropertyName("prompt")] string Prompt,
    [property: JsonPropertyName("password")] bool Password);
