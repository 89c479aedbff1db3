using System.Text.Json.Serialization;

namespace ResearchKit.Kernel;

/// <summary>A Jupyter message header (spec 5.3: msg_id, session, username, date, msg_type, version).</summary>
public sealed record MessageHeader(
    [property: JsonPropertyName("msg_id")] string MessageId,
    [property: JsonPropertyName("session")] string Session,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("msg_type")] string MessageType,
    [property: JsonPropertyName("version")] string Version)
{
    /// <summary>The protocol version this kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    /// <summary>A fresh header with a unique id and the current UTC time.</summary>
    public static MessageHeader Create(string messageType, string session, string username = "kernel") =>
        new(Guid.NewGuid().ToString("N"), session, username, DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ"), messageType, ProtocolVersion);
}
