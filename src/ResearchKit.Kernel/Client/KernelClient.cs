using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using NetMQ;
using NetMQ.Sockets;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel.Client;

/// <summary>
/// The client side of the Jupyter protocol (what nbclient does through jupyter_client): shell and control requests
/// matched to their replies, iopub messages routed by parent, and every wait cut short when the kernel process ends.
/// All sockets live on one poller thread.
/// </summary>
public sealed class KernelClient : IDisposable
{
    private readonly WireCodec _codec;
    private readonly Task _kernelEnded;
    private readonly Func<Exception> _death;
    private readonly DealerSocket _shell = new(), _control = new();
    private readonly SubscriberSocket _iopub = new();
    private readonly NetMQQueue<(KernelChannel Channel, JupyterMessage Message)> _outbox = new();
    private readonly NetMQPoller _poller;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JupyterMessage>> _replies = new();
    private readonly ConcurrentDictionary<string, Channel<JupyterMessage>> _outputs = new();
    private readonly TaskCompletionSource _iopubReady = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="connection">The kernel's connection file.</param>
    /// <param name="kernelEnded">Completes when the kernel process has ended (waits then fail with <paramref name="death"/>'s exception).</param>
    /// <param name="death">The exception that explains the end, e.g. a <see cref="KernelDiedException"/>.</param>
    public KernelClient(ConnectionInfo connection, Task kernelEnded, Func<Exception> death)
    {
        _codec = new WireCodec(new MessageSigner(connection.Key));
        _kernelEnded = kernelEnded;
        _death = death;
        var identity = Encoding.ASCII.GetBytes(Session);
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub }) socket.Options.Linger = TimeSpan.Zero;
        _shell.Options.Identity = identity;
        _control.Options.Identity = identity;
        _iopub.SubscribeToAnyTopic();
        _shell.Connect(connection.Endpoint(connection.ShellPort));
        _control.Connect(connection.Endpoint(connection.ControlPort));
        _iopub.Connect(connection.Endpoint(connection.IopubPort));
        _shell.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Shell);
        _control.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.Control);
        _iopub.ReceiveReady += (_, e) => Receive(e.Socket, KernelChannel.IoPub);
        _outbox.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
                (item.Channel == KernelChannel.Control ? _control : (NetMQSocket)_shell).SendMultipartMessage(new NetMQMessage(_codec.Encode(item.Message)));
        };
        _poller = new NetMQPoller { _shell, _control, _iopub, _outbox };
        _poller.RunAsync("jupyter-client");
    }

    /// <summary>This client's session id (also its socket identity).</summary>
    public string Session { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Waits until the kernel answers kernel_info and its iopub messages reach this client (a subscriber misses what was
    /// published before it connected, so requests are repeated until iopub is live, as jupyter_client's wait_for_ready does).
    /// </summary>
    public async Task<JupyterMessage> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var reply = await RequestAsync(KernelChannel.Shell, "kernel_info_request", new { }, limit.Token).ConfigureAwait(false);
                if (await Task.WhenAny(_iopubReady.Task, Task.Delay(TimeSpan.FromMilliseconds(500), limit.Token)).ConfigureAwait(false) == _iopubReady.Task)
                    return reply;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KernelProtocolException($"The kernel did not answer within {timeout.TotalSeconds:0} s of starting.");
        }
    }

    /// <summary>Sends a request on shell or control and returns its reply.</summary>
    public async Task<JupyterMessage> RequestAsync<T>(KernelChannel channel, string messageType, T content, CancellationToken cancellationToken = default)
    {
        var request = JupyterMessage.CreateRequest(messageType, content, Session);
        var reply = new TaskCompletionSource<JupyterMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _replies[request.Header.MessageId] = reply;
        try
        {
            _outbox.Enqueue((channel, request));
            return await WhileAlive(reply.Task, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _replies.TryRemove(request.Header.MessageId, out _);
        }
    }

    /// <summary>
    /// Runs one execute_request: every iopub message it causes (streams, displays, results, errors) goes to
    /// <paramref name="onOutput"/> in order, and the reply returns once the kernel is idle again. Cancelling the token
    /// stops waiting; it does not interrupt the kernel (send interrupt_request on control for that).
    /// </summary>
    public async Task<JupyterMessage> ExecuteAsync(ExecuteRequest content, Action<JupyterMessage> onOutput, CancellationToken cancellationToken = default)
    {
        var request = JupyterMessage.CreateRequest("execute_request", content, Session);
        var id = request.Header.MessageId;
        var outputs = Channel.CreateUnbounded<JupyterMessage>(new UnboundedChannelOptions { SingleReader = true });
        var reply = new TaskCompletionSource<JupyterMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        _outputs[id] = outputs;
        _replies[id] = reply;
        try
        {
            _outbox.Enqueue((KernelChannel.Shell, request));
            while (true)
            {
                var message = await WhileAlive(outputs.Reader.ReadAsync(cancellationToken).AsTask(), cancellationToken).ConfigureAwait(false);
                if (message.MessageType == "status")
                {
                    if (message.Content.TryGetProperty("execution_state", out var state) && state.GetString() == "idle") break;
                    continue;
                }
                onOutput(message);
            }
            return await WhileAlive(reply.Task, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _outputs.TryRemove(id, out _);
            _replies.TryRemove(id, out _);
        }
    }

    public void Dispose()
    {
        if (_poller.IsRunning) _poller.Stop();
        _poller.Dispose();
        foreach (var socket in new NetMQSocket[] { _shell, _control, _iopub }) socket.Dispose();
        _outbox.Dispose();
    }

    /// <summary>The task's result, unless the kernel ends first (then its death is thrown) or the caller cancels.</summary>
    private async Task<TResult> WhileAlive<TResult>(Task<TResult> task, CancellationToken cancellationToken)
    {
        var cancelled = Task.Delay(Timeout.Infinite, cancellationToken);
        var first = await Task.WhenAny(task, _kernelEnded, cancelled).ConfigureAwait(false);
        if (first == task) return await task.ConfigureAwait(false);
        if (first == _kernelEnded)
        {
            // Messages sent just before the end may still be in flight; what made it counts.
            if (await Task.WhenAny(task, Task.Delay(200, CancellationToken.None)).ConfigureAwait(false) == task) return await task.ConfigureAwait(false);
            throw _death();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return await task.ConfigureAwait(false);
    }

    private void Receive(NetMQSocket socket, KernelChannel channel)
    {
        var frames = new NetMQMessage();
        while (socket.TryReceiveMultipartMessage(TimeSpan.Zero, ref frames))
        {
            JupyterMessage message;
            try
            {
                message = _codec.Decode(frames.Select(f => f.ToByteArray()).ToList());
            }
            catch (KernelProtocolException)
            {
                continue; // not signed with our key: not from our kernel
            }
            var parent = message.ParentHeader?.MessageId;
            if (channel == KernelChannel.IoPub)
            {
                _iopubReady.TrySetResult();
                if (parent is not null && _outputs.TryGetValue(parent, out var outputs)) outputs.Writer.TryWrite(message);
            }
            else if (parent is not null && _replies.TryGetValue(parent, out var reply))
            {
                reply.TrySetResult(message);
            }
        }
    }
}
