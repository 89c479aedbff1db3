using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Tests.Scripting;

namespace ResearchKit.Kernel.Tests.Polyglot;

/// <summary>The formatting library's registrations are process-wide: these tests do not run beside others.</summary>
[CollectionDefinition(nameof(FormatterState), DisableParallelization = true)]
public sealed class FormatterState;

/// <summary>Cells written for .NET Interactive: cell kinds, magic commands and the formatting library (no network).</summary>
[Collection(nameof(FormatterState))]
public sealed class PolyglotEvaluatorTests
{
    private readonly CSharpEvaluator _evaluator = new();

    [Fact]
    public async Task Html_javascript_and_markdown_sections_are_shown_as_what_they_are()
    {
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, "#!html\n<b>bold</b>\n#!markdown\n# Title\n#!javascript\nconsole.log(1)\n#!csharp\n6 * 7");
        Assert.Null(outcome.Error);
        Assert.Equal("42", outcome.Result!.PlainText);
        Assert.Equal("<b>bold</b>", host.Displays[0].Bundle.Data["text/html"]);
        Assert.Equal("# Title", host.Displays[1].Bundle.Data["text/markdown"]);
        Assert.Equal("console.log(1)", host.Displays[2].Bundle.Data["application/javascript"]);
        Assert.Contains("<script type=\"text/javascript\">", (string)host.Displays[2].Bundle.Data["text/html"]);
    }

    [Fact]
    public async Task Another_language_fails_the_cell_by_name_and_the_session_goes_on()
    {
        var (failed, _) = await EvaluatorFixture.Run(_evaluator, "#!fsharp\nlet x = 1");
        Assert.Equal("UnsupportedLanguage", failed.Error!.Name);
        Assert.Contains("'fsharp'", failed.Error.Message);
        var (next, _) = await EvaluatorFixture.Run(_evaluator, "1 + 1");
        Assert.Equal("2", next.Result!.PlainText);
    }

    [Fact]
    public async Task Time_about_lsmagic_and_whos_show_their_outputs()
    {
        var (timed, host) = await EvaluatorFixture.Run(_evaluator, "#!time\nvar answer = 42;");
        Assert.Null(timed.Error);
        Assert.Matches(@"^Wall time: [0-9.]+ms$", host.Displays.Single().Bundle.PlainText);
        var (_, about) = await EvaluatorFixture.Run(_evaluator, "#!about\n#!lsmagic\n#!whos");
        Assert.Contains("ResearchKit C# kernel", about.Displays[0].Bundle.PlainText);
        Assert.Contains("#!time", about.Displays[1].Bundle.PlainText);
        Assert.Contains("answer  int  42", about.Displays[2].Bundle.PlainText);
    }

    [Fact]
    public async Task Formatters_registered_with_the_formatting_library_win_over_the_kernels()
    {
        var code = """
            using Microsoft.DotNet.Interactive.Formatting;
            using Microsoft.Data.Analysis;
            public class Person { public string Name { get; set; } }
            Formatter.Register<Person>((p, writer) => writer.Write($"<i>{p.Name}</i>"), "text/html");
            Formatter.Register<DataFrame>((df, writer) => writer.Write($"<p>{df.Rows.Count} rows</p>"), "text/html");
            display(new Person { Name = "Ann" });
            display(new DataFrame(new PrimitiveDataFrameColumn<int>("a", new[] { 1, 2 })));
            new Person { Name = "Bo" }
            """;
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, code);
        Assert.Null(outcome.Error);
        Assert.Equal("<i>Ann</i>", host.Displays[0].Bundle.Data["text/html"]);
        Assert.Equal("<p>2 rows</p>", host.Displays[1].Bundle.Data["text/html"]);
        Assert.Equal("<i>Bo</i>", outcome.Result!.Data["text/html"]);
        await EvaluatorFixture.Run(_evaluator, "Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();");
    }

    [Fact]
    public async Task Preferred_mime_types_set_with_the_library_take_effect()
    {
        var code = """
            using Microsoft.DotNet.Interactive.Formatting;
            public record Point(int X, int Y);
            Formatter.SetPreferredMimeTypesFor(typeof(Point), "text/plain");
            Formatter.Register<Point>(p => $"({p.X}, {p.Y})", "text/plain");
            new Point(1, 2)
            """;
        var (outcome, _) = await EvaluatorFixture.Run(_evaluator, code);
        Assert.Null(outcome.Error);
        Assert.Equal("(1, 2)", outcome.Result!.PlainText);
        Assert.False(outcome.Result.Data.ContainsKey("text/html"));
        await EvaluatorFixture.Run(_evaluator, "Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();");
    }

    [Fact]
    public async Task Display_extension_updates_pocket_views_and_HTML_reach_the_cell()
    {
        var code = """
            using static Microsoft.DotNet.Interactive.Formatting.PocketViewTags;
            var shown = "counting".Display();
            shown.Update(3);
            display(HTML("<u>raw</u>"));
            Javascript("console.log(2)");
            span(b("x"), "y")
            """;
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, code);
        Assert.Null(outcome.Error);
        Assert.Equal(("counting", false), (host.Displays[0].Bundle.PlainText, host.Displays[0].Update));
        // The value Display() returns is the one it announced: its Update replaces that output in place.
        Assert.Equal(("3", true, host.Displays[0].Id), (host.Displays[1].Bundle.PlainText, host.Displays[1].Update, host.Displays[1].Id));
        Assert.Equal("<u>raw</u>", host.Displays[2].Bundle.Data["text/html"]);
        Assert.Contains("console.log(2)", (string)host.Displays[3].Bundle.Data["text/html"]);
        Assert.Equal("<span><b>x</b>y</span>", outcome.Result!.Data["text/html"]);
    }

    [Fact]
    public async Task Display_as_and_display_table_return_values_that_update_in_place_and_a_later_cell_can_update_them()
    {
        var code = """
            var html = "<b>first</b>".DisplayAs("text/html");
            var table = new[] { new { Name = "Ann", Age = 3 } }.DisplayTable();
            var counter = 0.Display();
            html.Update("<b>second</b>");
            """;
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, code);
        Assert.Null(outcome.Error);
        Assert.Equal("<b>first</b>", host.Displays[0].Bundle.Data["text/html"]);
        Assert.Contains("Ann", (string)host.Displays[1].Bundle.Data["text/html"]);
        Assert.Equal((host.Displays[0].Id, true), (host.Displays[3].Id, host.Displays[3].Update));
        Assert.Contains("second", (string)host.Displays[3].Bundle.Data["text/html"]);
        var (later, next) = await EvaluatorFixture.Run(_evaluator, "counter.Update(10);");
        Assert.Null(later.Error);
        Assert.Equal(("10", true, host.Displays[2].Id), (next.Displays.Single().Bundle.PlainText, next.Displays.Single().Update, next.Displays.Single().Id));
    }

    [Fact]
    public async Task The_formatting_librarys_own_Display_still_shows_its_value()
    {
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, "System.DisplayExtensions.Display(\"direct\");");
        Assert.Null(outcome.Error);
        Assert.Equal("direct", host.Displays.Single().Bundle.PlainText);
    }

    [Fact]
    public async Task Plain_objects_show_as_property_tables_and_mime_types_can_be_asked_for()
    {
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, "display(new { Name = \"Ann\", Age = 3 }, \"text/plain\");\nnew { Name = \"Bo\", Age = 4 }");
        Assert.Null(outcome.Error);
        Assert.Equal(["text/plain"], host.Displays.Single().Bundle.Data.Keys);
        var table = (string)outcome.Result!.Data["text/html"];
        Assert.Contains("<td>Bo</td>", table.Replace("<div class=\"dni-plaintext\"><pre>", "<td>").Replace("</pre></div></td>", "</td>"));
    }

    [Fact]
    public async Task Plotly_NET_Interactive_and_pinned_kernel_packages_use_the_kernels_copy_and_say_so()
    {
        var code = """
            #r "nuget: Plotly.NET.Interactive, 3.0.2"
            #r "nuget: Microsoft.Data.Analysis, 0.20.0"
            Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { 1, 2 }, y: new[] { 3, 4 })
            """;
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, code);
        Assert.Null(outcome.Error);
        var installed = host.Displays.Single().Bundle.PlainText;
        Assert.Contains("Installed Packages", installed);
        Assert.Contains("Plotly.NET.Interactive, 6.0.0", installed);
        Assert.Contains("Microsoft.Data.Analysis 0.20.0 was asked for", installed);
        Assert.True(outcome.Result!.Data.ContainsKey("application/vnd.plotly.v1+json"));
    }
}
