using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.Display;

namespace ResearchKit.Kernel.Tests.Scripting;

/// <summary>How charts and errors reach a front end: plotly.js once per session, charts that wait for it, ANSI-coloured tracebacks.</summary>
public sealed class ChartAndErrorPresentationTests
{
    private const string Chart = "Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { 1, 2 }, y: new[] { 3, 4 })";

    private sealed class CellIdHost(string? cellId) : ICellHost
    {
        public List<DisplayBundle> Shown { get; } = [];
        public string? CellId => cellId;
        public void WriteStream(string name, string text) { }
        public void Display(DisplayBundle bundle, string displayId, bool update) => Shown.Add(bundle);
        public string ReadLine(string prompt, bool password) => "";
    }

    private static string Html(DisplayBundle bundle) => (string)bundle.Data["text/html"];

    [Fact]
    public async Task The_first_chart_of_a_session_carries_plotly_js_and_later_ones_do_not()
    {
        var evaluator = new CSharpEvaluator();
        var first = await evaluator.EvaluateAsync(Chart, new CellIdHost("a"));
        var host = new CellIdHost("b");
        await evaluator.EvaluateAsync($"display({Chart});", host);
        Assert.StartsWith("<script type=\"text/javascript\">/* plotly.js " + PlotlyScript.Version, Html(first.Result!));
        Assert.Contains("(function (define, module, exports)", Html(first.Result!));
        Assert.DoesNotContain("plotly.js " + PlotlyScript.Version, Html(host.Shown.Single()));
        // The charts load nothing (no CDN, no script src) and wait for window.Plotly instead of calling it at once.
        Assert.All(new[] { Html(first.Result!)[PlotlyScript.LoaderHtml.Length..], Html(host.Shown.Single()) }, html =>
        {
            Assert.DoesNotContain("cdn", html);
            Assert.DoesNotContain("src=", html);
            Assert.Contains("if (window.Plotly) { renderPlotly_", html);
        });
        Assert.DoesNotMatch("</script(?![>])", Html(first.Result!)[..^9]);
    }

    [Fact]
    public async Task Rerunning_the_cell_that_carried_plotly_js_carries_it_again()
    {
        var evaluator = new CSharpEvaluator();
        await evaluator.EvaluateAsync(Chart, new CellIdHost("a"));
        var elsewhere = await evaluator.EvaluateAsync(Chart, new CellIdHost("b"));
        var again = await evaluator.EvaluateAsync(Chart, new CellIdHost("a"));
        Assert.DoesNotContain("/* plotly.js", Html(elsewhere.Result!));
        Assert.Contains("/* plotly.js", Html(again.Result!));
    }

    [Fact]
    public void The_loader_defines_window_Plotly_even_beside_require_js()
    {
        var loader = PlotlyScript.LoaderHtml;
        Assert.Matches(@"^\d+\.\d+\.\d+$", PlotlyScript.Version);
        Assert.Contains("if (!window.Plotly) { (function (define, module, exports) {", loader);
        Assert.EndsWith("}).call(window); }\n</script>", loader);
        Assert.Equal(1, loader.Split("</script>").Length - 1);
    }

    [Fact]
    public void Tracebacks_are_coloured_like_ipykernel_and_strip_back_to_text()
    {
        var runtime = new CellError("InvalidOperationException", "bad input",
            ["System.InvalidOperationException: bad input", "   at cell [3], line 2 (top level)", "   at ResearchKit.Search.SearchEngine.SearchText", " ---> System.IO.IOException: disk"]);
        var coloured = AnsiTraceback.Colour(runtime);
        Assert.Equal("\u001b[0;31mSystem.InvalidOperationException\u001b[0m: bad input", coloured[0]);
        Assert.Equal("\u001b[0;32m   at cell [3], line 2 (top level)\u001b[0m", coloured[1]);
        Assert.StartsWith("\u001b[2m", coloured[2]);
        Assert.Equal("\u001b[0;31m ---> System.IO.IOException\u001b[0m: disk", coloured[3]);
        var compile = AnsiTraceback.Colour(new CellError("CompilationError", "CS0103", ["cell [3] (2,9): error CS0103: The name 'x' does not exist"]));
        Assert.Equal("\u001b[0;32mcell [3] (2,9): \u001b[0m\u001b[0;31merror CS0103\u001b[0m: The name 'x' does not exist", compile[0]);
        Assert.Equal(runtime.Traceback, coloured.Select(AnsiTraceback.Strip));
    }
}
