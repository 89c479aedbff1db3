using System.Net;
using System.Net.Sockets;
using NetMQ;
using NetMQ.Sockets;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel.Tests.Protocol;

/// <summary>The ZeroMQ transport in-process, with NetMQ client sockets standing in for a front end.</summary>
public sealed class NetMqKernelServerTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Serves_shell_iopub_heartbeat_rejects_forged_messages_and_shuts_down()
    {
        var connection = new ConnectionInfo
        {
            ShellPort = FreePort(), IopubPort = FreePort(), StdinPort = FreePort(), ControlPort = FreePort(), HeartbeatPort = FreePort(), Key = "secret",
        };
        var log = new StringWriter();
        using var server = new NetMqKernelServer(connection, TextWriter.Synchronized(log));
        var kernel = new ScriptedInterpreter(server);
        var serving = Task.Run(() => server.RunAsync(kernel));
        var codec = new WireCodec(new MessageSigner("secret"));

        using var iopub = new SubscriberSocket();
        iopub.Connect(connection.Endpoint(connection.IopubPort));
        iopub.Subscribe("");
        var welcome = Receive(iopub, codec, skipTopic: true, "iopub_welcome");
        Assert.Equal("", welcome.ContentAs<IopubWelcome>().Subscription);

        using var shell = new DealerSocket();
        shell.Connect(connection.Endpoint(connection.ShellPort));
        var request = Requests.Make("execute_request", new ExecuteRequest("print hi")) with { Identities = [] };
        shell.SendMultipartMessage(new NetMQMessage(codec.Encode(request)));
        var reply = Receive(shell, codec, skipTopic: false, "execute_reply");
        Assert.Equal(request.Header, reply.ParentHeader);
        Assert.Equal("hi", Receive(iopub, codec, skipTopic: true, "stream").ContentAs<StreamText>().Text);

        var forged = new WireCodec(new MessageSigner("wrong")).Encode(Requests.Make("execute_request", new ExecuteRequest("fail")) with { Identities = [] });
        shell.SendMultipartMessage(new NetMQMessage(forged));
        var none = new NetMQMessage();
        Assert.False(shell.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(500), ref none));
        // The silence above proves no reply; the rejection itself may be counted a little later on a busy machine.
        SpinWait.SpinUntil(() => server.RejectedMessages > 0, Wait);
        Assert.Equal(1, server.RejectedMessages);
        Assert.Contains("invalid HMAC signature", log.ToString());

        using var heartbeat = new RequestSocket();
        heartbeat.Connect(connection.Endpoint(connection.HeartbeatPort));
        heartbeat.SendFrame("ping");
        Assert.True(heartbeat.TryReceiveFrameString(Wait, out var echo));
        Assert.Equal("ping", echo);

        using var control = new DealerSocket();
        control.Connect(connection.Endpoint(connection.ControlPort));
        control.SendMultipartMessage(new NetMQMessage(codec.Encode(Requests.Make("shutdown_request", new ShutdownRequest()) with { Identities = [] })));
        Assert.Equal("shutdown_reply", Receive(control, codec, skipTopic: false, "shutdown_reply").MessageType);
        Assert.Same(serving, await Task.WhenAny(serving, Task.Delay(TimeSpan.FromSeconds(2.5))));
    }

    private static JupyterMessage Receive(NetMQSocket socket, WireCodec codec, bool skipTopic, string type)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (DateTime.UtcNow < deadline)
        {
            var frames = new NetMQMessage();
            if (!socket.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(200), ref frames)) continue;
            var message = codec.Decode(frames.Select(f => f.ToByteArray()).ToList());
            if (message.MessageType == type) return message;
        }
        throw new TimeoutException($"no {type} within {Wait.TotalSeconds} s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
