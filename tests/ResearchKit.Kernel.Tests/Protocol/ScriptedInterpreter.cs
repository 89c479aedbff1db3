using System.Text.Json.Nodes;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Kernel.Tests.Protocol;

/// <summary>A mock interpreter: "print X" streams X, "fail" errors, "wait" blocks until interrupted, "ask" reads input, else echoes the code as result.</summary>
public sealed class ScriptedInterpreter : KernelCore
{
    public ScriptedInterpreter(IKernelTransport transport) : base(transport) { }

    public int Interrupts { get; private set; }

    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override KernelInfoReply KernelInfoImpl() =>
        new("ok", MessageHeader.ProtocolVersion, "mock", "1.0", new LanguageInfo("mock", "1", "text/plain", ".txt", "text", "text"), "mock", []);

    protected override async Task<ExecutionOutcome> ExecuteImplAsync(CellExecution cell)
    {
        var code = cell.Content.Code;
        if (code.StartsWith("print ", StringComparison.Ordinal))
        {
            cell.Stream("stdout", code[6..]);
            cell.Display(new JsonObject { ["text/plain"] = "shown" }, displayId: "d1");
            return ExecutionOutcome.Success();
        }
        if (code == "fail") return ExecutionOutcome.Failure("MockError", "it failed", ["MockError: it failed"]);
        if (code == "ask") return ExecutionOutcome.Success(new JsonObject { ["text/plain"] = cell.RequestInput("name? ") });
        if (code == "wait")
        {
            Waiting.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, cell.Interrupted); }
            catch (OperationCanceledException) { return ExecutionOutcome.Failure("Interrupted", "stopped", []); }
        }
        return ExecutionOutcome.Success(new JsonObject { ["text/plain"] = code });
    }

    protected override CompletionResult CompleteImpl(string code, int cursorUtf16) => new(["match"], cursorUtf16, cursorUtf16);

    protected override JsonObject? InspectImpl(string code, int cursorUtf16, int detailLevel) => null;

    protected override IsCompleteReply IsCompleteImpl(string code) => new(code.EndsWith('{') ? "incomplete" : "complete");

    protected override void InterruptImpl() => Interrupts++;
}
