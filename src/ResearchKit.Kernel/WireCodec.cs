using System.Text;
using System.Text.Json;

namespace ResearchKit.Kernel;

/// <summary>
/// Turns wire frames into <see cref="JupyterMessage"/> and back: identities, the <c>&lt;IDS|MSG&gt;</c> delimiter,
/// the HMAC signature, four JSON frames and buffers. Frames with a bad signature are refused, never decoded.
/// </summary>
public sealed class WireCodec
{
    /// <summary>The delimiter frame between routing identities and the signature.</summary>
    public static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    private static readonly byte[] EmptyJson = "{}"u8.ToArray();
    private readonly MessageSigner _signer;

    public WireCodec(MessageSigner signer) => _signer = signer;

    /// <summary>Decodes frames; throws <see cref="KernelProtocolException"/> for a missing delimiter, bad signature or bad JSON.</summary>
    public JupyterMessage Decode(IReadOnlyList<byte[]> frames)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
            if (frames[i].AsSpan().SequenceEqual(Delimiter)) { delimiter = i; break; }
        if (delimiter < 0 || frames.Count < delimiter + 6)
            throw new KernelProtocolException($"Malformed message: {frames.Count} frames without '<IDS|MSG>' followed by signature, header, parent, metadata and content.");
        var signature = Encoding.ASCII.GetString(frames[delimiter + 1]);
        byte[] header = frames[delimiter + 2], parent = frames[delimiter + 3], metadata = frames[delimiter + 4], content = frames[delimiter + 5];
        if (!_signer.Verify(signature, header, parent, metadata, content))
            throw new KernelProtocolException("Rejected a message with an invalid HMAC signature (wrong key or tampered frames); it was not executed.");
        try
        {
            var parsedHeader = JsonSerializer.Deserialize<MessageHeader>(header, ProtocolJson.Options)
                               ?? throw new KernelProtocolException("Malformed message: null header.");
            if (string.IsNullOrEmpty(parsedHeader.MessageType) || string.IsNullOrEmpty(parsedHeader.MessageId))
                throw new KernelProtocolException("Malformed message: the header lacks msg_id or msg_type.");
            using var parentDoc = JsonDocument.Parse(parent);
            var parsedParent = parentDoc.RootElement.ValueKind == JsonValueKind.Object && parentDoc.RootElement.TryGetProperty("msg_id", out _)
                ? parentDoc.RootElement.Deserialize<MessageHeader>(ProtocolJson.Options)
                : null;
            return new JupyterMessage
            {
                Identities = frames.Take(delimiter).ToArray(),
                Header = parsedHeader,
                ParentHeader = parsedParent,
                Metadata = ParseObject(metadata),
                Content = ParseObject(content),
                Buffers = frames.Skip(delimiter + 6).ToArray(),
            };
        }
        catch (JsonException e)
        {
            throw new KernelProtocolException($"Malformed message: a JSON frame does not parse ({e.Message}).", e);
        }
    }

    /// <summary>Encodes a message; <paramref name="topic"/> replaces identities on iopub.</summary>
    public List<byte[]> Encode(JupyterMessage message, byte[]? topic = null)
    {
        var header = JsonSerializer.SerializeToUtf8Bytes(message.Header, ProtocolJson.Options);
        var parent = message.ParentHeader is null ? EmptyJson : JsonSerializer.SerializeToUtf8Bytes(message.ParentHeader, ProtocolJson.Options);
        var metadata = Encoding.UTF8.GetBytes(message.Metadata.GetRawText());
        var content = Encoding.UTF8.GetBytes(message.Content.GetRawText());
        var frames = new List<byte[]>();
        if (topic is not null) frames.Add(topic);
        else frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(_signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        frames.AddRange(message.Buffers);
        return frames;
    }

    private static JsonElement ParseObject(byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
            throw new KernelProtocolException("Malformed message: metadata and content must be JSON objects.");
        return doc.RootElement.Clone();
    }
}
