using System.Text.Json.Nodes;
using ResearchKit.Kernel.Scripting.Notebooks;

namespace ResearchKit.Kernel.Tests.Notebooks;

public sealed class NotebookRunnerTests : IDisposable
{
    private readonly NotebookBuilder _files = new();
    private readonly StringWriter _log = new();

    public void Dispose() => _files.Dispose();

    private static JsonArray Cells(string path) => (JsonArray)JsonNode.Parse(File.ReadAllText(path))!["cells"]!;

    [Fact]
    public async Task Parameters_are_injected_after_the_parameters_cell_with_types()
    {
        var input = _files.Write("params.ipynb",
            ("var batch = 1;\nvar name = \"default\";\nvar rate = 0.1;", ["parameters"]),
            ("Console.WriteLine($\"{batch * 2} {name.ToUpper()} {rate * 2} {strict}\");", []));
        var output = Path.Combine(_files.Folder, "out", "params.ipynb");
        var result = await new NotebookRunner(_log).RunAsync(new NotebookRunOptions
        {
            InputPath = input,
            OutputPath = output,
            Parameters = NotebookParameters.Parse(["batch=21", "name=cats and dogs", "rate=0.25", "strict=true"]),
        });
        Assert.True(result.Succeeded, result.Error?.Message);
        var cells = Cells(output);
        Assert.Equal(4, cells.Count);
        Assert.Equal("injected-parameters", cells[2]!["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Contains("var batch = 21;", NotebookFile.Source(cells[2]!.AsObject()));
        Assert.Contains("var name = \"cats and dogs\";", NotebookFile.Source(cells[2]!.AsObject()));
        Assert.Equal("42 CATS AND DOGS 0.5 True\n", cells[3]!["outputs"]![0]!["text"]!.GetValue<string>());
        var notebook = JsonNode.Parse(File.ReadAllText(output))!;
        Assert.Equal(5, notebook["nbformat_minor"]!.GetValue<int>());
        Assert.All(cells, c => Assert.NotNull(c!["id"]));
        Assert.False(File.Exists(output + $".tmp-{Environment.ProcessId}"));
    }

    [Fact]
    public async Task A_failing_cell_is_recorded_with_its_traceback_and_later_cells_do_not_run()
    {
        var input = _files.Write("fails.ipynb", ("var x = 1;", []), ("throw new InvalidOperationException(\"no data\");", []), ("Console.WriteLine(\"after\");", []));
        var result = await new NotebookRunner(_log).RunAsync(new NotebookRunOptions { InputPath = input });
        Assert.Equal(3, result.FailedCell);
        Assert.Equal("InvalidOperationException", result.Error!.Name);
        var cells = Cells(result.OutputPath!);
        Assert.EndsWith("fails.out.ipynb", result.OutputPath);
        var error = cells[2]!["outputs"]![0]!;
        Assert.Equal("error", error["output_type"]!.GetValue<string>());
        Assert.Contains("no data", error["evalue"]!.GetValue<string>());
        Assert.Empty(cells[3]!["outputs"]!.AsArray());
        Assert.Contains("cell 3 failed", _log.ToString());
    }

    [Fact]
    public async Task Allow_errors_keeps_going_and_timeouts_interrupt_the_cell()
    {
        var input = _files.Write("slow.ipynb", ("while (true) { }", []), ("display(1 + 1);", []));
        var result = await new NotebookRunner(_log).RunAsync(new NotebookRunOptions { InputPath = input, AllowErrors = true, CellTimeout = TimeSpan.FromSeconds(3) });
        Assert.Equal("CellTimeout", result.Error!.Name);
        var cells = Cells(result.OutputPath!);
        Assert.Equal("CellTimeout", cells[1]!["outputs"]![0]!["ename"]!.GetValue<string>());
        Assert.Equal("2", cells[2]!["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Display_updates_from_later_cells_rewrite_the_earlier_output()
    {
        var input = _files.Write("update.ipynb", ("var h = display(\"loading\");", []), ("h.Update(\"done\");\n\"result\"", []));
        var result = await new NotebookRunner(_log).RunAsync(new NotebookRunOptions { InputPath = input });
        var cells = Cells(result.OutputPath!);
        Assert.Equal("done", cells[1]!["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("execute_result", cells[2]!["outputs"]![0]!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Runs_csx_scripts_and_dib_files()
    {
        var script = Path.Combine(_files.Folder, "hello.csx");
        File.WriteAllText(script, "Console.WriteLine($\"hello {who}\");");
        var result = await new NotebookRunner(_log).RunAsync(new NotebookRunOptions { InputPath = script, Parameters = NotebookParameters.Parse(["who=csx"]) });
        Assert.True(result.Succeeded, result.Error?.Message);
        Assert.Null(result.OutputPath);
        Assert.Contains("hello csx", _log.ToString());
        var dib = Path.Combine(_files.Folder, "poly.dib");
        File.WriteAllText(dib, "#!meta\n\n{\"kernelInfo\":{}}\n\n#!markdown\n\n# Notes\n\n#!csharp\n\nvar x = 6;\n\n#!c#\n\nx * 7\n");
        var dibResult = await new NotebookRunner(_log).RunAsync(new NotebookRunOptions { InputPath = dib });
        var cells = Cells(dibResult.OutputPath!);
        Assert.Equal(["markdown", "code", "code"], cells.Select(c => c!["cell_type"]!.GetValue<string>()));
        Assert.Equal("42", cells[2]!["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_notebooks_and_parameters_are_named()
    {
        var broken = Path.Combine(_files.Folder, "broken.ipynb");
        File.WriteAllText(broken, "{ \"cells\": [");
        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => new NotebookRunner(_log).RunAsync(new NotebookRunOptions { InputPath = broken }));
        Assert.Contains("broken.ipynb", e.Message);
        Assert.Throws<NotebookFormatException>(() => NotebookParameters.Parse(["class=1"]));
        Assert.Throws<NotebookFormatException>(() => NotebookParameters.Parse(["novalue"]));
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-3", "-3")]
    [InlineData("5000000000", "5000000000L")]
    [InlineData("0.5", "0.5")]
    [InlineData("1e3", "1000.0")]
    [InlineData("true", "true")]
    [InlineData("a \"q\"", "\"a \\\"q\\\"\"")]
    public void Values_become_typed_literals(string value, string literal) => Assert.Equal(literal, NotebookParameters.ToLiteral(value));
}
