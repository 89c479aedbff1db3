using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Kernel.Tests.Scripting;

public sealed class ProgressDisplayTests
{
    [Fact]
    public async Task Progress_updates_one_display_in_place_and_always_shows_the_end()
    {
        var evaluator = new CSharpEvaluator();
        var (outcome, host) = await EvaluatorFixture.Run(evaluator,
            "var p = progress(\"Indexing\", 1000);\nfor (var i = 1; i <= 1000; i++) p.Report(i);\n((IProgress<ResearchKit.Embeddings.BatchProgress>)p).Report(new ResearchKit.Embeddings.BatchProgress(998, 2, 1000));");
        Assert.Null(outcome.Error);
        Assert.False(host.Displays[0].Update);
        Assert.All(host.Displays.Skip(1), d => Assert.True(d.Update && d.Id == host.Displays[0].Id));
        Assert.InRange(host.Displays.Count, 3, 200); // throttled, not one per item
        Assert.Contains("<progress", (string)host.Displays[^1].Bundle.Data["text/html"]);
        Assert.Contains("Indexing: 1000/1000 (100%), 2 failed", (string)host.Displays[^1].Bundle.Data["text/html"]);
    }
}
