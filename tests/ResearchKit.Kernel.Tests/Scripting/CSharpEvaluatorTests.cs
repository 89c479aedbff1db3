using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Kernel.Tests.Scripting;

public sealed class CSharpEvaluatorTests
{
    private readonly CSharpEvaluator _evaluator = new();

    [Fact]
    public async Task State_carries_across_cells_and_the_last_expression_is_the_result()
    {
        var (first, _) = await EvaluatorFixture.Run(_evaluator, "var answer = 41;\nint Twice(int x) => 2 * x;");
        Assert.True(first.Succeeded);
        Assert.Null(first.Result);
        var (second, _) = await EvaluatorFixture.Run(_evaluator, "Twice(answer) - answer + 1");
        Assert.Equal("42", second.Result!.PlainText);
        var (statement, _) = await EvaluatorFixture.Run(_evaluator, "answer + 1;");
        Assert.Null(statement.Result);
    }

    [Fact]
    public async Task Console_output_becomes_stdout_and_stderr_streams()
    {
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, "Console.Write(\"a\"); Console.WriteLine(\"b\"); Console.Error.WriteLine(\"oops\"); Console.Write(\"tail\");");
        Assert.True(outcome.Succeeded);
        Assert.Equal("ab\ntail", host.Stdout);
        Assert.Contains(("stderr", "oops\n"), host.Streams);
    }

    [Fact]
    public async Task A_compile_error_names_the_cell_line_and_code()
    {
        var (outcome, _) = await EvaluatorFixture.Run(_evaluator, "var x = 1;\nvar y = undefinedName;");
        Assert.Equal("CompilationError", outcome.Error!.Name);
        Assert.Contains("CS0103", outcome.Error.Message);
        Assert.Contains(outcome.Error.Traceback, l => l.StartsWith("test cell (2,9): error CS0103", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_thrown_exception_is_readable_and_earlier_variables_survive()
    {
        var (outcome, _) = await EvaluatorFixture.Run(_evaluator, "var kept = 7;\nthrow new InvalidOperationException(\"bad input\");");
        Assert.Equal("InvalidOperationException", outcome.Error!.Name);
        Assert.Equal("System.InvalidOperationException: bad input", outcome.Error.Traceback[0]);
        Assert.Contains(outcome.Error.Traceback, l => l.Contains("test cell, line 2", StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Error.Traceback, l => l.Contains("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        var (after, _) = await EvaluatorFixture.Run(_evaluator, "kept");
        Assert.Equal("7", after.Result!.PlainText);
    }

    [Fact]
    public async Task Display_returns_a_handle_that_updates_in_place()
    {
        var (outcome, host) = await EvaluatorFixture.Run(_evaluator, "var h = display(\"first\");\nh.Update(\"second\");");
        Assert.True(outcome.Succeeded);
        Assert.Equal(2, host.Displays.Count);
        Assert.False(host.Displays[0].Update);
        Assert.True(host.Displays[1].Update);
        Assert.Equal(host.Displays[0].Id, host.Displays[1].Id);
        Assert.Equal("second", host.Displays[1].Bundle.PlainText);
        var (later, laterHost) = await EvaluatorFixture.Run(_evaluator, "h.Update(3)");
        Assert.True(later.Succeeded);
        Assert.Equal((host.Displays[0].Id, true), (laterHost.Displays.Single().Id, laterHost.Displays.Single().Update));
    }

    [Fact]
    public async Task An_endless_loop_stops_at_an_interrupt()
    {
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var (outcome, _) = await EvaluatorFixture.Run(_evaluator, "long n = 0;\nwhile (true) { n++; }", interrupt.Token);
        Assert.Equal("CellInterrupted", outcome.Error!.Name);
        var (recursive, _) = await EvaluatorFixture.Run(_evaluator, "void Spin() { for (;;) ; }\nSpin();", new CancellationTokenSource(TimeSpan.FromMilliseconds(300)).Token);
        Assert.Equal("CellInterrupted", recursive.Error!.Name);
        var (next, _) = await EvaluatorFixture.Run(_evaluator, "1 + 1");
        Assert.Equal("2", next.Result!.PlainText);
    }

    [Theory]
    [InlineData("int Depth(int n) => Depth(n + 1) + 1;\nDepth(0)", "Depth")]
    [InlineData("long Sum(long n) { return n + Sum(n + 1); }\nSum(0)", "Sum")]
    [InlineData("void Down() { var x = new byte[16]; Down(); }\nDown();", "Down")]
    public async Task Unbounded_recursion_is_an_error_not_a_stack_overflow(string code, string method)
    {
        // Without the stack check this ends the process (and the test run) with "Stack overflow".
        var evaluator = new CSharpEvaluator();
        await EvaluatorFixture.Run(evaluator, "var before = 41;");
        var (outcome, _) = await EvaluatorFixture.Run(evaluator, code);
        Assert.Equal(nameof(InsufficientExecutionStackException), outcome.Error!.Name);
        Assert.Contains("recursed too deeply", outcome.Error.Message);
        Assert.Contains(outcome.Error.Traceback, l => l.Contains($"line 1 ({method})", StringComparison.Ordinal));
        Assert.Contains(outcome.Error.Traceback, l => l.Contains("repeats", StringComparison.Ordinal));
        Assert.True(outcome.Error.Traceback.Count < 50, $"{outcome.Error.Traceback.Count} traceback lines");
        var (after, _) = await EvaluatorFixture.Run(evaluator, "before + 1");
        Assert.Equal("42", after.Result!.PlainText);
    }

    [Fact]
    public void Submissions_compile_on_one_thread()
    {
        // If a Roslyn update renames the private field, cells still compile, only slower: this test says so.
        Assert.True(SerialCompilation.Available, "Roslyn's Script._lazyCompilation is gone; SerialCompilation needs a new way in");
        var script = SerialCompilation.Apply(Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create("1 + 1"));
        Assert.False(script.GetCompilation().Options.ConcurrentBuild);
    }

    [Fact]
    public async Task Cells_that_need_more_than_the_core_references_get_them()
    {
        var evaluator = new CSharpEvaluator();
        var (quick, _) = await EvaluatorFixture.Run(evaluator, "var n = 1 + 1;\nn");
        Assert.Equal("2", quick.Result!.PlainText);
        var (start, all) = evaluator.ReferenceCounts;
        Assert.True(start < 20 && all > 150, $"{start} of {all} references bound at the start");
        // System.Text.Json and Plotly.NET are outside the core set: the cell compiles again with every reference, and
        // the assemblies it names join the session's set (a few, not all ~180).
        var (json, _) = await EvaluatorFixture.Run(evaluator, "System.Text.Json.JsonSerializer.Serialize(new[] { n, 3 })");
        Assert.Equal("[2,3]", json.Result!.PlainText);
        var (chart, _) = await EvaluatorFixture.Run(evaluator, "Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { n }, y: new[] { n })");
        Assert.Equal("Plotly chart", chart.Result!.PlainText);
        var (after, _) = evaluator.ReferenceCounts;
        Assert.InRange(after, start + 3, start + 10);
        // A later cell compiles against what earlier cells bound.
        var (again, _) = await EvaluatorFixture.Run(evaluator, "var doc = System.Text.Json.JsonDocument.Parse(\"[1]\");\ndoc.RootElement.GetArrayLength() + n");
        Assert.Equal("3", again.Result!.PlainText);
        Assert.Equal(after, evaluator.ReferenceCounts.Bound);
        var (wrong, _) = await EvaluatorFixture.Run(evaluator, "var m = missingName;");
        Assert.Contains("CS0103", wrong.Error!.Message);
    }

    [Fact]
    public async Task Thread_Sleep_in_a_cell_is_cut_short_by_an_interrupt()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (outcome, _) = await EvaluatorFixture.Run(_evaluator, "Thread.Sleep(60_000);\nSystem.Threading.Thread.Sleep(TimeSpan.FromMinutes(1));", new CancellationTokenSource(TimeSpan.FromMilliseconds(300)).Token);
        Assert.Equal("CellInterrupted", outcome.Error!.Name);
        Assert.Contains("was interrupted.", outcome.Error.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30), started.Elapsed.ToString());
        var (quick, _) = await EvaluatorFixture.Run(_evaluator, "Thread.Sleep(1); 5");
        Assert.Equal("5", quick.Result!.PlainText);
    }

    [Fact]
    public async Task Console_ReadLine_asks_the_host()
    {
        var host = new RecordingCellHost();
        host.Answers.Enqueue("Ada");
        var outcome = await _evaluator.EvaluateAsync("Console.Write(\"name? \");\nvar name = Console.ReadLine();\n$\"hello {name}\"", host);
        Assert.Equal("hello Ada", outcome.Result!.PlainText);
        Assert.Equal("name? ", host.Stdout);
    }

    [Fact]
    public async Task Flooding_output_is_cut_with_a_note()
    {
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { MaxOutputChars = 1000 });
        var (outcome, host) = await EvaluatorFixture.Run(evaluator, "for (var i = 0; i < 10000; i++) Console.WriteLine(\"0123456789\");");
        Assert.True(outcome.Succeeded);
        Assert.InRange(host.Stdout.Length, 1000, 1300);
        Assert.Contains("[output truncated", host.Stdout);
    }

    [Fact]
    public async Task References_a_dll_by_path_and_loads_a_csx_file()
    {
        var folder = Directory.CreateTempSubdirectory("rk-eval").FullName;
        File.WriteAllText(Path.Combine(folder, "helpers.csx"), "int Triple(int x) => 3 * x;");
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { WorkingDirectory = folder });
        var dll = typeof(ResearchKit.Kernel.MessageSigner).Assembly.Location;
        var (outcome, _) = await EvaluatorFixture.Run(evaluator, $"#r \"{dll}\"\n#load \"helpers.csx\"\nnew ResearchKit.Kernel.MessageSigner(\"k\").Enabled + \" \" + Triple(5)");
        Assert.Null(outcome.Error);
        Assert.Equal("True 15", outcome.Result!.PlainText);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_bad_nuget_reference_is_a_clear_error_and_the_session_continues()
    {
        var (outcome, _) = await EvaluatorFixture.Run(_evaluator, "#r \"nuget: Not A Package!, 1.0\"\n1");
        Assert.Equal("NuGetRestoreException", outcome.Error!.Name);
        Assert.Contains("nuget: Not A Package!", outcome.Error.Message);
        var (next, _) = await EvaluatorFixture.Run(_evaluator, "2");
        Assert.Equal("2", next.Result!.PlainText);
    }

    [Fact]
    public async Task ResearchKit_namespaces_are_imported()
    {
        var (outcome, _) = await EvaluatorFixture.Run(_evaluator, "new RgbaImage(2, 1, SourceMode.Rgb).Pixels.Length");
        Assert.Null(outcome.Error);
        Assert.Equal("8", outcome.Result!.PlainText);
    }
}
