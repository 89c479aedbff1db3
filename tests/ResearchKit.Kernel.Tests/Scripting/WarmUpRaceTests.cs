using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Kernel.Tests.Scripting;

/// <summary>
/// "Run All" right after the kernel starts: the first cells arrive while the warm-up compilation runs. Compiling beside it
/// gave later cells two different System.String symbols (CS0172 / CS0826 when a cell mixes an earlier cell's string with a
/// literal) in about one start in ten here; the evaluator now waits for its warm-up before the first cell.
/// </summary>
public sealed class WarmUpRaceTests
{
    [Fact]
    public async Task Cells_sent_during_the_warm_up_compile_with_one_string_type()
    {
        var failures = new List<string>();
        for (var start = 0; start < 25; start++)
        {
            var evaluator = new CSharpEvaluator();
            var warmUp = evaluator.WarmUpAsync();
            foreach (var code in new[] { "var s = \"a\";", "var t = true ? s : \"b\";\nnew[] { s, \"c\" }.Length" })
            {
                var (outcome, _) = await EvaluatorFixture.Run(evaluator, code);
                if (outcome.Error is { } error) failures.Add($"start {start}: {error.Message}");
            }
            await warmUp;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
