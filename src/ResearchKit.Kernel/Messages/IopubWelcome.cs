using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>iopub_welcome content (protocol 5.5): sent to a new iopub subscriber so it knows it will see what follows.</summary>
public sealed record IopubWelcome([property: JsonPropertyName("subscription")] string Subscription);
