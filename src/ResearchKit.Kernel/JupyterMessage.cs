using System.Text.Json;

namespace ResearchKit.Kernel;

/// <summary>
/// One Jupyter message: routing identities, header, parent header, metadata, content and binary buffers.
/// Replies and iopub messages are made only by <see cref="CreateReply{T}"/>, so identities and parent header always come along.
/// </summary>
public sealed record JupyterMessage
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>ROUTER identities of the sender; replies go back to them.</summary>
    public IReadOnlyList<byte[]> Identities { get; init; } = [];
    public required MessageHeader Header { get; init; }
    public MessageHeader? ParentHeader { get; init; }
    public JsonElement Metadata { get; init; } = EmptyObject;
    public JsonElement Content { get; init; } = EmptyObject;
    public IReadOnlyList<byte[]> Buffers { get; init; } = [];

    /// <summary>Shorthand for the header's msg_type.</summary>
    public string MessageType => Header.MessageType;

    /// <summary>The content as its typed record; a malformed content throws <see cref="KernelProtocolException"/>.</summary>
    public T ContentAs<T>()
    {
        try
        {
            return Content.Deserialize<T>(ProtocolJson.Options)
                   ?? throw new KernelProtocolException($"{MessageType} message {Header.MessageId} has null content.");
        }
        catch (JsonException e)
        {
            throw new KernelProtocolException($"{MessageType} message {Header.MessageId} has malformed content: {e.Message}", e);
        }
    }

    /// <summary>A message answering (or published about) this request: the request header becomes the parent, identities are copied.</summary>
    public JupyterMessage CreateReply<T>(string messageType, T content, string session) => new()
    {
        Identities = Identities,
        Header = MessageHeader.Create(messageType, session, Header.Username),
        ParentHeader = Header,
        Content = JsonSerializer.SerializeToElement(content, ProtocolJson.Options),
    };

    /// <summary>A client's request (no parent), e.g. execute_request, signed by the client's session.</summary>
    public static JupyterMessage CreateRequest<T>(string messageType, T content, string session) => new()
    {
        Header = MessageHeader.Create(messageType, session, "researchkit"),
        Content = JsonSerializer.SerializeToElement(content, ProtocolJson.Options),
    };

    /// <summary>A message with no parent (kernel-initiated status such as start-up, iopub_welcome).</summary>
    public static JupyterMessage CreateUnparented<T>(string messageType, T content, string session) => new()
    {
        Header = MessageHeader.Create(messageType, session),
        Content = JsonSerializer.SerializeToElement(content, ProtocolJson.Options),
    };
}
