using System.Text.Json.Serialization;

namespace ResearchKit.Kernel.Messages;

/// <summary>execute_reply for a request dropped because an earlier cell failed with stop_on_error (status "aborted").</summary>
public sealed record AbortedReply([property: JsonPropertyName("status")] string Status);
