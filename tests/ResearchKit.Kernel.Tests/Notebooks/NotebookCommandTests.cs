using System.Text.Json.Nodes;
using ResearchKit.Cli;

namespace ResearchKit.Kernel.Tests.Notebooks;

/// <summary>The CLI surface: exit codes and messages of <c>notebook run</c> and <c>kernel start</c>.</summary>
public sealed class NotebookCommandTests : IDisposable
{
    private readonly NotebookBuilder _files = new();

    public void Dispose() => _files.Dispose();

    private static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = Program.BuildRoot(CliConsole.Plain(output, error)).Parse(args).Invoke();
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_with_parameters_writes_the_output_and_exits_zero()
    {
        var input = _files.Write("ok.ipynb", ("var n = 1;", ["parameters"]), ("n * 10", []));
        var output = Path.Combine(_files.Folder, "done.ipynb");
        var (code, stdout, _) = Invoke("notebook", "run", input, "-p", "n=4", "-o", output);
        Assert.Equal(0, code);
        Assert.Equal(output, stdout.Trim());
        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        Assert.Equal("40", cells[3]!["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_failing_cell_exits_non_zero_naming_the_cell_and_its_traceback()
    {
        var input = _files.Write("bad.ipynb", ("var items = new int[0];", []), ("items[3]", []));
        var (code, _, stderr) = Invoke("notebook", "run", input);
        Assert.Equal(1, code);
        Assert.Contains("cell 3 failed: IndexOutOfRangeException", stderr);
        Assert.Contains("System.IndexOutOfRangeException", stderr);
        Assert.True(File.Exists(Path.Combine(_files.Folder, "bad.out.ipynb")));
    }

    [Fact]
    public void Bad_input_is_one_clear_line_and_exit_code_2()
    {
        var (missing, _, missingErr) = Invoke("notebook", "run", Path.Combine(_files.Folder, "nope.ipynb"));
        Assert.Equal(2, missing);
        Assert.Contains("does not exist", missingErr);
        var (badParam, _, paramErr) = Invoke("notebook", "run", _files.Write("x.ipynb", ("1", [])), "-p", "not an identifier=1");
        Assert.Equal(2, badParam);
        Assert.Contains("not a C# identifier", paramErr);
        var connection = Path.Combine(_files.Folder, "kernel.json");
        File.WriteAllText(connection, "{ corrupt");
        var (kernel, _, kernelErr) = Invoke("kernel", "start", "-f", connection);
        Assert.Equal(2, kernel);
        Assert.Contains("is not valid JSON", kernelErr);
        var (shortForm, _, shortErr) = Invoke("kernel", "-f", connection);
        Assert.Equal(2, shortForm);
        Assert.Contains("is not valid JSON", shortErr);
        Assert.Equal(2, Invoke("kernel").Code);
    }
}
