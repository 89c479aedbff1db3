using System.Text;
using ResearchKit.Kernel;

namespace ResearchKit.Kernel.Tests.Protocol;

public sealed class MessageSignerTests
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("{\"msg_id\":\"1\"}"), Empty = Encoding.UTF8.GetBytes("{}"), Content = Encoding.UTF8.GetBytes("{\"code\":\"1\"}");

    [Fact]
    public void Signs_like_pythons_hmac_module()
    {
        // hmac.new(b"secret", digestmod=sha256) updated with the four frames, as jupyter_client does.
        Assert.Equal("260b97890d61eb0e6ad1283eaca56d59541c56327271b249b87dde0226568bfb", new MessageSigner("secret").Sign(Header, Empty, Empty, Content));
    }

    [Fact]
    public void Rejects_a_tampered_frame_and_a_wrong_key()
    {
        var signature = new MessageSigner("secret").Sign(Header, Empty, Empty, Content);
        Assert.True(new MessageSigner("secret").Verify(signature, Header, Empty, Empty, Content));
        Assert.False(new MessageSigner("secret").Verify(signature, Header, Empty, Empty, Encoding.UTF8.GetBytes("{\"code\":\"2\"}")));
        Assert.False(new MessageSigner("other").Verify(signature, Header, Empty, Empty, Content));
        Assert.False(new MessageSigner("secret").Verify("", Header, Empty, Empty, Content));
    }

    [Fact]
    public void An_empty_key_disables_signing()
    {
        var signer = new MessageSigner("");
        Assert.False(signer.Enabled);
        Assert.Equal("", signer.Sign(Header, Empty, Empty, Content));
        Assert.True(signer.Verify("", Header, Empty, Empty, Content));
    }
}
