using System.Text;
using System.Threading.Channels;
using NetMQ;
using NetMQ.Sockets;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel;

/// <summary>
/// The ZeroMQ side of the kernel: binds the five sockets of a connection file, checks every incoming signature
/// (bad ones are logged and dropped), and feeds shell and control requests to the core on separate loops so an
/// interrupt or shutdown on control is served while a cell runs. All sockets but heartbeat live on one poller thread.
/// </summary>
public sealed class NetMqKernelServer : IKernelTransport, IDisposable
{
    private readonly ConnectionInfo _connection;
    private readonly TextWriter _log;
    private readonly WireCodec _codec;
    private readonly NetMQQueue<(KernelChannel Channel, JupyterMessage Message)> _outbox = new();
    private readonly Channel<JupyterMessage> _shellQueue = Channel.CreateUnbounded<JupyterMessage>();
    private readonly Channel<JupyterMessage> _controlQueue = Channel.CreateUnbounded<JupyterMessage>();
    private readonly RouterSocket _shell = new(), _control = new(), _stdin = new();
    private readonly XPublisherSocket _iopub = new();
    private NetMQPoller? _poller;
    private Thread? _heartbeat;
    private volatile bool _stopping;
    private string _session = "";

    public NetMqKernelServer(ConnectionInfo connection, TextWriter log)
    {
        _connection = connection;
        _log = log;
        _codec = new WireCodec(new MessageSigner(connection.Key));
    }

    /// <summary>Count of messages refused for a bad signature or malformed frames.</summary>
    public int RejectedMessages { get; private set; }

    /// <inheritdoc />
    public void Send(KernelChannel channel, JupyterMessage message) => _outbox.Enqueue((channel, message));

    /// <summary>Binds the sockets and serves the core until a shutdown_request has been answered.</summary>
    public async Task RunAsync(KernelCore core)
    {
        _session = core.Session;
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub }) socket.Options.Linger = TimeSpan.FromSeconds(1);
        _iopub.Options.XPubVerbose = true;
        _shell.Bind(_connection.Endpoint(_connection.ShellPort));
        _control.Bind(_connection.Endpoint(_connection.ControlPort));
        _stdin.Bind(_connection.Endpoint(_connection.StdinPort));
        _iopub.Bind(_connection.Endpoint(_connection.IopubPort));
        _shell.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Shell, core);
        _control.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Control, core);
        _stdin.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Stdin, core);
        _iopub.ReceiveReady += (_, e) => Subscribe(e.Socket);
        _outbox.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero)) Transmit(item.Channel, item.Message);
        };
        _heartbeat = new Thread(Heartbeat) { IsBackground = true, Name = "jupyter-heartbeat" };
        _heartbeat.Start();
        _poller = new NetMQPoller { _shell, _control, _stdin, _iopub, _outbox };
        _poller.RunAsync("jupyter-sockets");
        core.PublishStarting();
        var shell = Task.Run(() => Serve(_shellQueue.Reader, KernelChannel.Shell, core));
        var control = Task.Run(() => Serve(_controlQueue.Reader, KernelChannel.Control, core));
        try { await Task.Delay(Timeout.Infinite, core.ShutdownRequested).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
        // Let the shutdown reply and the final idle leave before the sockets close.
        for (var i = 0; i < 50 && _outbox.Count > 0; i++) await Task.Delay(10).ConfigureAwait(false);
        await Task.Delay(50).ConfigureAwait(false);
        _stopping = true;
        _shellQueue.Writer.TryComplete();
        _controlQueue.Writer.TryComplete();
        await control.ConfigureAwait(false);
        _ = shell; // a cell that ignores the interrupt may still run; the process exit ends it.
    }

    public void Dispose()
    {
        _stopping = true;
        if (_poller is { IsRunning: true }) _poller.Stop();
        _poller?.Dispose();
        _heartbeat?.Join(TimeSpan.FromSeconds(1));
        foreach (var socket in new NetMQSocket[] { _shell, _control, _stdin, _iopub }) socket.Dispose();
        _outbox.Dispose();
    }

    private async Task Serve(ChannelReader<JupyterMessage> queue, KernelChannel channel, KernelCore core)
    {
        await foreach (var message in queue.ReadAllAsync().ConfigureAwait(false))
        {
            await core.HandleAsync(channel, message).ConfigureAwait(false);
            if (!core.AbortPending) continue;
            // A cell failed with stop_on_error: what was queued behind it ("Run All") is answered, not run. First take in
            // what has already reached the socket (as ipykernel flushes its stream), so a request sent before the failure
            // counts as queued even when the poller thread had not yet passed it on.
            await Task.Factory.StartNew(() => Receive(channel == KernelChannel.Shell ? _shell : _control, channel, core),
                CancellationToken.None, TaskCreationOptions.None, _poller!).ConfigureAwait(false);
            while (queue.TryRead(out var queued))
            {
                if (queued.MessageType == "execute_request") core.Abort(channel, queued);
                else await core.HandleAsync(channel, queued).ConfigureAwait(false);
            }
            core.ClearAbort();
        }
    }

    private void Receive(NetMQSocket socket, KernelChannel channel, KernelCore core)
    {
        var frames = new NetMQMessage();
        while (socket.TryReceiveMultipartMessage(TimeSpan.Zero, ref frames))
        {
            JupyterMessage message;
            try
            {
                message = _codec.Decode(frames.Select(f => f.ToByteArray()).ToList());
            }
            catch (KernelProtocolException e)
            {
                _log.WriteLine($"kernel: rejected a message on {channel}: {e.Message}");
                RejectedMessages++;
                continue;
            }
            switch (channel)
            {
                case KernelChannel.Shell: _shellQueue.Writer.TryWrite(message); break;
                case KernelChannel.Control: _controlQueue.Writer.TryWrite(message); break;
                default: core.HandleStdin(message); break;
            }
        }
    }

    private void Subscribe(NetMQSocket socket)
    {
        while (socket.TryReceiveFrameBytes(TimeSpan.Zero, out var frame))
        {
            if (frame.Length == 0 || frame[0] != 1) continue;
            var topic = Encoding.UTF8.GetString(frame, 1, frame.Length - 1);
            Transmit(KernelChannel.IoPub, JupyterMessage.CreateUnparented("iopub_welcome", new IopubWelcome(topic), _session));
        }
    }

    private void Transmit(KernelChannel channel, JupyterMessage message)
    {
        var frames = channel == KernelChannel.IoPub
            ? _codec.Encode(message, Encoding.UTF8.GetBytes(message.MessageType))
            : _codec.Encode(message);
        var wire = new NetMQMessage(frames);
        var socket = channel switch
        {
            KernelChannel.Shell => (NetMQSocket)_shell,
            KernelChannel.Control => _control,
            KernelChannel.Stdin => _stdin,
            _ => _iopub,
        };
        if (!socket.TrySendMultipartMessage(TimeSpan.FromSeconds(1), wire))
            _log.WriteLine($"kernel: could not send {message.MessageType} on {channel} (client gone?)");
    }

    private void Heartbeat()
    {
        using var socket = new ResponseSocket();
        socket.Options.Linger = TimeSpan.Zero;
        socket.Bind(_connection.Endpoint(_connection.HeartbeatPort));
        while (!_stopping)
        {
            var frames = new NetMQMessage();
            if (socket.TryReceiveMultipartMessage(TimeSpan.FromMilliseconds(200), ref frames))
                socket.SendMultipartMessage(frames);
        }
    }
}
