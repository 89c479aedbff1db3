using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Kernel.Tests.Scripting;

/// <summary>Helpers shared by evaluator tests: run a cell and return its outcome and host.</summary>
public static class EvaluatorFixture
{
    public static async Task<(CellOutcome Outcome, RecordingCellHost Host)> Run(CSharpEvaluator evaluator, string code, CancellationToken interrupted = default)
    {
        var host = new RecordingCellHost();
        var outcome = await evaluator.EvaluateAsync(code, host, "test cell", interrupted);
        return (outcome, host);
    }
}
