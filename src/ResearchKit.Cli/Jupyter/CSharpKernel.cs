using System.Text.Json.Nodes;
using ResearchKit.Kernel;
using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.Editing;
using ResearchKit.Kernel.Messages;

namespace ResearchKit.Cli.Jupyter;

/// <summary>The C# interpreter of the Jupyter kernel: the protocol core from ResearchKit.Kernel with the Roslyn evaluator plugged in.</summary>
public sealed class CSharpKernel : KernelCore
{
    private readonly Task<CSharpEvaluator> _evaluator;

    /// <summary>
    /// A kernel on <paramref name="transport"/> whose cells run in <paramref name="evaluator"/>, which may still be being
    /// built (its references read) while the kernel already answers kernel_info; cells wait for it.
    /// </summary>
    public CSharpKernel(IKernelTransport transport, Task<CSharpEvaluator> evaluator, TextWriter? log = null) : base(transport, log) =>
        _evaluator = evaluator;

    protected override KernelInfoReply KernelInfoImpl() => new(
        "ok",
        MessageHeader.ProtocolVersion,
        "researchkit-csharp",
        typeof(CSharpKernel).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
        new LanguageInfo("csharp", "14.0", "text/x-csharp", ".cs", "csharp", "text/x-csharp", "script"),
        "C# (ResearchKit): Roslyn scripting with ResearchKit, Plotly.NET and Microsoft.Data.Analysis loaded; #r \"nuget: Name, Version\" adds packages.",
        [new HelpLink("ResearchKit kernel", "https://github.com/researchkit/researchkit#the-c-jupyter-kernel")]);

    protected override async Task<ExecutionOutcome> ExecuteImplAsync(CellExecution cell)
    {
        var evaluator = await _evaluator.ConfigureAwait(false);
        var outcome = await evaluator.EvaluateAsync(cell.Content.Code, new KernelCellHost(cell), $"cell [{cell.ExecutionCount}]", cell.Interrupted).ConfigureAwait(false);
        if (outcome.Error is { } error) return ExecutionOutcome.Failure(error.Name, error.Message, AnsiTraceback.Colour(error));
        return ExecutionOutcome.Success(outcome.Result?.ToJson(), outcome.Result?.MetadataJson());
    }

    protected override CompletionResult CompleteImpl(string code, int cursorUtf16)
    {
        var list = CompletionProvider.Complete(_evaluator.GetAwaiter().GetResult(), code, cursorUtf16);
        return new CompletionResult(list.Matches, list.Start, list.End);
    }

    protected override JsonObject? InspectImpl(string code, int cursorUtf16, int detailLevel) =>
        SymbolInspector.Inspect(_evaluator.GetAwaiter().GetResult(), code, cursorUtf16) is { } text ? new JsonObject { ["text/plain"] = text } : null;

    protected override IsCompleteReply IsCompleteImpl(string code)
    {
        var status = SubmissionCompleteness.Check(code);
        return new IsCompleteReply(status, status == "incomplete" ? "" : null);
    }
}
