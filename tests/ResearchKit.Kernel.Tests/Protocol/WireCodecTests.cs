using System.Text;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel.Tests.Protocol;

public sealed class WireCodecTests
{
    private readonly WireCodec _codec = new(new MessageSigner("key"));

    [Fact]
    public void Round_trips_identities_header_parent_content_and_buffers()
    {
        var request = Requests.Make("execute_request", new ExecuteRequest("1 + 1"));
        var reply = request.CreateReply("execute_reply", new ExecuteReply("ok", 3), "kernel") with { Buffers = [[9, 9]] };
        var decoded = _codec.Decode(_codec.Encode(reply));
        Assert.Equal(Requests.Identity, Assert.Single(decoded.Identities));
        Assert.Equal("execute_reply", decoded.MessageType);
        Assert.Equal(request.Header, decoded.ParentHeader);
        Assert.Equal(3, decoded.ContentAs<ExecuteReply>().ExecutionCount);
        Assert.Equal([9, 9], Assert.Single(decoded.Buffers));
    }

    [Fact]
    public void A_bad_signature_is_refused_before_decoding()
    {
        var frames = _codec.Encode(Requests.Make("execute_request", new ExecuteRequest("System.Environment.Exit(1)")));
        frames[^1] = Encoding.UTF8.GetBytes("{\"code\":\"evil\"}");
        var e = Assert.Throws<KernelProtocolException>(() => _codec.Decode(frames));
        Assert.Contains("signature", e.Message);
        var unsigned = new WireCodec(new MessageSigner("")).Encode(Requests.Make("execute_request", new ExecuteRequest("1")));
        Assert.Throws<KernelProtocolException>(() => _codec.Decode(unsigned));
    }

    [Theory]
    [InlineData(false, "not json")]
    [InlineData(true, "{}")]
    [InlineData(true, "[1]")]
    public void Malformed_frames_throw_protocol_errors(bool withDelimiter, string header)
    {
        var signer = new MessageSigner("");
        var frames = new List<byte[]>();
        if (withDelimiter) frames.Add(WireCodec.Delimiter);
        frames.AddRange(new[] { "", header, "{}", "{}", "{}" }.Select(Encoding.UTF8.GetBytes));
        Assert.Throws<KernelProtocolException>(() => new WireCodec(signer).Decode(frames));
    }

    [Fact]
    public void Iopub_messages_carry_a_topic_instead_of_identities()
    {
        var message = Requests.Make("execute_request", new ExecuteRequest("1")).CreateReply("status", new StatusContent("idle"), "kernel");
        var frames = _codec.Encode(message, "status"u8.ToArray());
        Assert.Equal("status", Encoding.UTF8.GetString(frames[0]));
        Assert.Equal(WireCodec.Delimiter, frames[1]);
    }
}
