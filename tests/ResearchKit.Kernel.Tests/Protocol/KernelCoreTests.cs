using System.Text.Json;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel.Tests.Protocol;

public sealed class KernelCoreTests
{
    private readonly RecordingTransport _transport = new();
    private readonly ScriptedInterpreter _kernel;

    public KernelCoreTests() => _kernel = new ScriptedInterpreter(_transport);

    [Fact]
    public async Task Execute_publishes_busy_input_outputs_reply_idle_in_order_with_the_request_as_parent()
    {
        var request = Requests.Make("execute_request", new ExecuteRequest("print hello"));
        await _kernel.HandleAsync(KernelChannel.Shell, request);
        Assert.Equal(["IoPub:status", "IoPub:execute_input", "IoPub:stream", "IoPub:display_data", "Shell:execute_reply", "IoPub:status"], _transport.Trace());
        var messages = _transport.Messages.Select(m => m.Message).ToList();
        Assert.All(messages, m => Assert.Equal(request.Header, m.ParentHeader));
        Assert.All(messages, m => Assert.Equal(_kernel.Session, m.Header.Session));
        Assert.Equal(messages.Count, messages.Select(m => m.Header.MessageId).Distinct().Count());
        Assert.Equal("busy", messages[0].ContentAs<StatusContent>().ExecutionState);
        Assert.Equal("idle", messages[^1].ContentAs<StatusContent>().ExecutionState);
        Assert.Equal(Requests.Identity, Assert.Single(messages[4].Identities));
        Assert.Equal("d1", messages[3].ContentAs<DisplayData>().Transient!.DisplayId);
        Assert.Equal(1, messages[4].ContentAs<ExecuteReply>().ExecutionCount);
    }

    [Fact]
    public async Task Counts_increase_per_stored_cell_and_silent_cells_show_nothing()
    {
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("a")));
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("b", Silent: true, StoreHistory: false)));
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("c")));
        var replies = _transport.Messages.Where(m => m.Message.MessageType == "execute_reply").Select(m => m.Message.ContentAs<ExecuteReply>().ExecutionCount);
        Assert.Equal([1, 1, 2], replies);
        var results = _transport.Messages.Where(m => m.Message.MessageType == "execute_result").Select(m => m.Message.ContentAs<ExecuteResult>());
        Assert.Equal(["a", "c"], results.Select(r => r.Data["text/plain"]!.GetValue<string>()));
        Assert.Equal(2, _transport.Messages.Count(m => m.Message.MessageType == "execute_input"));
    }

    [Fact]
    public async Task A_failing_cell_publishes_error_then_an_error_reply()
    {
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("fail")));
        Assert.Equal(["IoPub:status", "IoPub:execute_input", "IoPub:error", "Shell:execute_reply", "IoPub:status"], _transport.Trace());
        var reply = _transport.Messages[3].Message.ContentAs<ExecuteReply>();
        Assert.Equal(("error", "MockError", "it failed"), (reply.Status, reply.ErrorName, reply.ErrorValue));
    }

    [Fact]
    public async Task A_failure_with_stop_on_error_asks_to_abort_the_queue_and_aborted_replies_are_bracketed()
    {
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("fail", StopOnError: false)));
        Assert.False(_kernel.AbortPending);
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("fail")));
        Assert.True(_kernel.AbortPending);
        var queued = Requests.Make("execute_request", new ExecuteRequest("next"));
        _kernel.Abort(KernelChannel.Shell, queued);
        _kernel.ClearAbort();
        Assert.Equal(["IoPub:status", "Shell:execute_reply", "IoPub:status"], _transport.Trace().TakeLast(3));
        var aborted = _transport.Messages[^2].Message;
        Assert.Equal(queued.Header, aborted.ParentHeader);
        Assert.Equal("aborted", aborted.ContentAs<AbortedReply>().Status);
        Assert.False(_kernel.AbortPending);
    }

    [Fact]
    public async Task Kernel_info_on_control_is_wrapped_in_busy_and_idle_too()
    {
        await _kernel.HandleAsync(KernelChannel.Control, Requests.Make("kernel_info_request", new { }));
        Assert.Equal(["IoPub:status", "Control:kernel_info_reply", "IoPub:status"], _transport.Trace());
        Assert.Equal("5.3", _transport.Messages[1].Message.ContentAs<KernelInfoReply>().ProtocolVersion);
    }

    [Fact]
    public async Task Interrupt_on_control_cancels_the_running_cell()
    {
        var running = _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("wait")));
        await _kernel.Waiting.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _kernel.HandleAsync(KernelChannel.Control, Requests.Make("interrupt_request", new { }));
        await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _kernel.Interrupts);
        Assert.Contains("Control:interrupt_reply", _transport.Trace());
        var reply = _transport.Messages.Single(m => m.Message.MessageType == "execute_reply").Message.ContentAs<ExecuteReply>();
        Assert.Equal("Interrupted", reply.ErrorName);
    }

    [Fact]
    public async Task Input_requests_go_to_the_shell_requester_on_stdin_and_the_answer_comes_back()
    {
        _transport.Sent += (channel, message) =>
        {
            if (channel == KernelChannel.Stdin)
                _kernel.HandleStdin(message with { Header = MessageHeader.Create("input_reply", "client"), Content = JsonSerializer.SerializeToElement(new InputReply("Ada")) });
        };
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("ask")));
        var input = _transport.Messages.Single(m => m.Channel == KernelChannel.Stdin).Message;
        Assert.Equal("input_request", input.MessageType);
        Assert.Equal(Requests.Identity, Assert.Single(input.Identities));
        Assert.Equal("name? ", input.ContentAs<InputRequest>().Prompt);
        var result = _transport.Messages.Single(m => m.Message.MessageType == "execute_result").Message.ContentAs<ExecuteResult>();
        Assert.Equal("Ada", result.Data["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Input_is_refused_when_the_request_disallows_stdin()
    {
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("ask", AllowStdin: false)));
        var reply = _transport.Messages.Single(m => m.Message.MessageType == "execute_reply").Message.ContentAs<ExecuteReply>();
        Assert.Equal(nameof(StdinNotAllowedException), reply.ErrorName);
        Assert.DoesNotContain(_transport.Messages, m => m.Channel == KernelChannel.Stdin);
    }

    [Fact]
    public async Task Shutdown_replies_then_signals_the_host()
    {
        await _kernel.HandleAsync(KernelChannel.Control, Requests.Make("shutdown_request", new ShutdownRequest(Restart: true)));
        Assert.True(_kernel.ShutdownRequested.IsCancellationRequested);
        Assert.True(_kernel.RestartRequested);
        Assert.True(_transport.Messages[1].Message.ContentAs<ShutdownReply>().Restart);
        Assert.Equal("IoPub:status", _transport.Trace()[^1]);
    }

    [Fact]
    public async Task Malformed_content_gets_an_error_reply_and_the_kernel_goes_idle()
    {
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new { silent = "yes" }));
        Assert.Equal(["IoPub:status", "Shell:execute_reply", "IoPub:status"], _transport.Trace());
        Assert.Equal("error", _transport.Messages[1].Message.Content.GetProperty("status").GetString());
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("execute_request", new ExecuteRequest("ok")));
        Assert.Contains(_transport.Messages, m => m.Message.MessageType == "execute_result");
    }

    [Fact]
    public async Task Completion_cursors_are_code_points_on_the_wire()
    {
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("complete_request", new CompleteRequest("😀ab", 3)));
        var reply = _transport.Messages[1].Message.ContentAs<CompleteReply>();
        Assert.Equal((3, 3), (reply.CursorStart, reply.CursorEnd));
    }

    [Fact]
    public async Task Comm_info_is_empty_and_is_complete_reports_incomplete()
    {
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("comm_info_request", new CommInfoRequest()));
        await _kernel.HandleAsync(KernelChannel.Shell, Requests.Make("is_complete_request", new IsCompleteRequest("if (x) {")));
        Assert.Empty(_transport.Messages[1].Message.ContentAs<CommInfoReply>().Comms);
        Assert.Equal("incomplete", _transport.Messages[4].Message.ContentAs<IsCompleteReply>().Status);
    }
}
