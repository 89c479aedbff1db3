using System.Text.Json.Nodes;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel;

/// <summary>
/// The language-neutral kernel (xeus' split): the public, non-virtual <see cref="HandleAsync"/> does what every kernel
/// must get right — busy/idle around each request, execution counts, execute_input, replies built from the request —
/// and an interpreter fills in the protected <c>*Impl</c> hooks. It never sees a socket.
/// </summary>
public abstract class KernelCore
{
    private readonly IKernelTransport _transport;
    private readonly TextWriter _log;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly object _gate = new();
    private CancellationTokenSource? _running;
    private TaskCompletionSource<string>? _pendingInput;

    protected KernelCore(IKernelTransport transport, TextWriter? log = null)
    {
        _transport = transport;
        _log = log ?? TextWriter.Null;
    }

    /// <summary>The kernel's session id, used in every header it sends.</summary>
    public string Session { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The count of the last cell run with store_history.</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>Cancelled once a shutdown_request has been answered.</summary>
    public CancellationToken ShutdownRequested => _shutdown.Token;

    /// <summary>
    /// Set when a cell failed with stop_on_error: execute requests already queued behind it should be answered
    /// "aborted" (<see cref="Abort"/>) instead of run, as ipykernel does for "Run All". The transport clears it.
    /// </summary>
    public bool AbortPending { get; private set; }

    /// <summary>True when the shutdown asked for a restart.</summary>
    public bool RestartRequested { get; private set; }

    /// <summary>Announces the kernel on iopub (status: starting) before any request.</summary>
    public void PublishStarting() =>
        _transport.Send(KernelChannel.IoPub, JupyterMessage.CreateUnparented("status", new StatusContent("starting"), Session));

    /// <summary>Serves one shell or control request: busy, the reply (and outputs), idle — in that order, always.</summary>
    public async Task HandleAsync(KernelChannel channel, JupyterMessage request)
    {
        Publish(request, "status", new StatusContent("busy"));
        var shutdown = false;
        try
        {
            shutdown = await DispatchAsync(channel, request).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _log.WriteLine($"kernel: {request.MessageType} {request.Header.MessageId} failed: {e.Message}");
            var reply = request.MessageType.EndsWith("_request", StringComparison.Ordinal) ? request.MessageType[..^"_request".Length] + "_reply" : "error_reply";
            Reply(channel, request, reply, new ErrorReply("error", e.GetType().Name, e.Message, [e.Message]));
        }
        finally
        {
            Publish(request, "status", new StatusContent("idle"));
        }
        if (shutdown) _shutdown.Cancel();
    }

    /// <summary>Answers a queued execute_request with status "aborted" (busy and idle around it) without running it.</summary>
    public void Abort(KernelChannel channel, JupyterMessage request)
    {
        Publish(request, "status", new StatusContent("busy"));
        Reply(channel, request, "execute_reply", new AbortedReply("aborted"));
        Publish(request, "status", new StatusContent("idle"));
    }

    /// <summary>Ends the aborting that followed a failed cell, once the queue behind it is drained.</summary>
    public void ClearAbort() => AbortPending = false;

    /// <summary>Delivers a message that arrived on stdin (an input_reply) to the cell waiting for it.</summary>
    public void HandleStdin(JupyterMessage message)
    {
        if (message.MessageType != "input_reply")
        {
            _log.WriteLine($"kernel: ignored {message.MessageType} on stdin");
            return;
        }
        TaskCompletionSource<string>? pending;
        lock (_gate) pending = _pendingInput;
        if (pending is null) _log.WriteLine("kernel: input_reply with no cell waiting for input; ignored");
        else pending.TrySetResult(message.ContentAs<InputReply>().Value);
    }

    /// <summary>The kernel_info_reply content (status ok).</summary>
    protected abstract KernelInfoReply KernelInfoImpl();

    /// <summary>Runs one cell; outputs go through <paramref name="cell"/>, and the count, busy/idle and reply are handled here.</summary>
    protected abstract Task<ExecutionOutcome> ExecuteImplAsync(CellExecution cell);

    /// <summary>Completions at a UTF-16 cursor.</summary>
    protected abstract CompletionResult CompleteImpl(string code, int cursorUtf16);

    /// <summary>A MIME bundle describing the symbol at a UTF-16 cursor, or null when nothing is there.</summary>
    protected abstract JsonObject? InspectImpl(string code, int cursorUtf16, int detailLevel);

    /// <summary>Whether the code is a complete submission.</summary>
    protected abstract IsCompleteReply IsCompleteImpl(string code);

    /// <summary>Called after the running cell's token was cancelled, for interpreter-specific interruption.</summary>
    protected virtual void InterruptImpl() { }

    /// <summary>Called once the shutdown reply is sent.</summary>
    protected virtual void ShutdownImpl(bool restart) { }

    internal void Publish<T>(JupyterMessage request, string messageType, T content) =>
        _transport.Send(KernelChannel.IoPub, request.CreateReply(messageType, content, Session));

    internal string RequestInput(JupyterMessage request, string prompt, bool password, CancellationToken interrupted)
    {
        var pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate) _pendingInput = pending;
        try
        {
            _transport.Send(KernelChannel.Stdin, request.CreateReply("input_request", new InputRequest(prompt, password), Session));
            pending.Task.Wait(interrupted);
            return pending.Task.Result;
        }
        finally
        {
            lock (_gate) _pendingInput = null;
        }
    }

    private void Reply<T>(KernelChannel channel, JupyterMessage request, string messageType, T content) =>
        _transport.Send(channel, request.CreateReply(messageType, content, Session));

    private async Task<bool> DispatchAsync(KernelChannel channel, JupyterMessage request)
    {
        switch (request.MessageType)
        {
            case "kernel_info_request":
                Reply(channel, request, "kernel_info_reply", KernelInfoImpl());
                return false;
            case "execute_request":
                await ExecuteAsync(channel, request).ConfigureAwait(false);
                return false;
            case "complete_request":
                Reply(channel, request, "complete_reply", Complete(request.ContentAs<CompleteRequest>()));
                return false;
            case "inspect_request":
                var inspect = request.ContentAs<InspectRequest>();
                var data = InspectImpl(inspect.Code, CursorPosition.ToUtf16(inspect.Code, inspect.CursorPos), inspect.DetailLevel);
                Reply(channel, request, "inspect_reply", new InspectReply("ok", data is not null, data ?? new JsonObject(), new JsonObject()));
                return false;
            case "is_complete_request":
                Reply(channel, request, "is_complete_reply", IsCompleteImpl(request.ContentAs<IsCompleteRequest>().Code));
                return false;
            case "comm_info_request":
                Reply(channel, request, "comm_info_reply", new CommInfoReply("ok", new JsonObject()));
                return false;
            case "history_request":
                Reply(channel, request, "history_reply", new HistoryReply("ok", new JsonArray()));
                return false;
            case "interrupt_request":
                lock (_gate) _running?.Cancel();
                InterruptImpl();
                Reply(channel, request, "interrupt_reply", new InterruptReply("ok"));
                return false;
            case "shutdown_request":
                var shutdown = request.ContentAs<ShutdownRequest>();
                RestartRequested = shutdown.Restart;
                lock (_gate) _running?.Cancel();
                Reply(channel, request, "shutdown_reply", new ShutdownReply("ok", shutdown.Restart));
                ShutdownImpl(shutdown.Restart);
                return true;
            default:
                _log.WriteLine($"kernel: unknown message type {request.MessageType} on {channel}; ignored");
                return false;
        }
    }

    private CompleteReply Complete(CompleteRequest request)
    {
        var result = CompleteImpl(request.Code, CursorPosition.ToUtf16(request.Code, request.CursorPos));
        return new CompleteReply("ok", result.Matches,
            CursorPosition.ToCodePoints(request.Code, result.StartUtf16), CursorPosition.ToCodePoints(request.Code, result.EndUtf16), new JsonObject());
    }

    private async Task ExecuteAsync(KernelChannel channel, JupyterMessage request)
    {
        var content = request.ContentAs<ExecuteRequest>();
        if (!content.Silent && content.StoreHistory) ExecutionCount++;
        var count = ExecutionCount;
        if (!content.Silent) Publish(request, "execute_input", new ExecuteInput(content.Code, count));
        using var interrupt = new CancellationTokenSource();
        lock (_gate) _running = interrupt;
        ExecutionOutcome outcome;
        try
        {
            outcome = await ExecuteImplAsync(new CellExecution(this, request, content, count, interrupt.Token)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            outcome = ExecutionOutcome.Failure(e.GetType().Name, e.Message, [$"{e.GetType().Name}: {e.Message}"]);
        }
        finally
        {
            lock (_gate) _running = null;
        }
        if (outcome.Error is { } error)
        {
            Publish(request, "error", error);
            if (content.StopOnError) AbortPending = true;
            Reply(channel, request, "execute_reply", new ExecuteReply("error", count, ErrorName: error.ErrorName, ErrorValue: error.ErrorValue, Traceback: error.Traceback));
            return;
        }
        if (outcome.ResultData is { } data && !content.Silent)
            Publish(request, "execute_result", new ExecuteResult(count, data, outcome.ResultMetadata ?? new JsonObject()));
        Reply(channel, request, "execute_reply", new ExecuteReply("ok", count, new JsonObject(), new JsonArray()));
    }
}
