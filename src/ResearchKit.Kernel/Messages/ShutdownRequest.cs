using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>shutdown_request content.</summary>
public sealed record ShutdownRequest([property: JsonPropertyName("restart")] bool Restart = false);
