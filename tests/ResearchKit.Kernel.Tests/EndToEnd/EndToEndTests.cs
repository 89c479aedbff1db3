using System.Text.Json.Nodes;
using ResearchKit.Cli.Jupyter;

namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>The real kernel process driven by clients we did not write: Debian's jupyter_client and nbconvert.</summary>
[Trait("Category", "EndToEnd")]
public sealed class EndToEndTests : IDisposable
{
    private readonly string _prefix = Directory.CreateTempSubdirectory("rk-e2e").FullName;
    private readonly Dictionary<string, string> _environment;

    public EndToEndTests()
    {
        var data = Path.Combine(_prefix, "share", "jupyter");
        KernelSpecInstaller.Install(data, [DotNet.Host, DotNet.ResearchKit]);
        _environment = new Dictionary<string, string>
        {
            ["JUPYTER_PATH"] = data,
            ["JUPYTER_DATA_DIR"] = data,
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(_prefix, "runtime"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
            ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1",
        };
    }

    public void Dispose() => Directory.Delete(_prefix, recursive: true);

    [JupyterFact]
    public void Jupyter_client_drives_execute_display_error_stdin_interrupt_and_shutdown()
    {
        var script = Path.Combine(AppContext.BaseDirectory, "e2e", "drive_kernel.py");
        var (code, output) = JupyterTools.Run(JupyterTools.Python, [script], _environment, TimeSpan.FromMinutes(3));
        Assert.True(code == 0, output);
        Assert.Contains("E2E OK", output);
    }

    [JupyterFact]
    public async Task The_runner_writes_notebooks_that_nbformat_validates()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "e2e", "kernel-e2e.ipynb");
        var output = Path.Combine(_prefix, "runner.ipynb");
        var result = await new ResearchKit.Kernel.Scripting.Notebooks.NotebookRunner(TextWriter.Null).RunAsync(new()
        {
            InputPath = input, OutputPath = output, AllowErrors = true, CellTimeout = TimeSpan.FromSeconds(5),
            Parameters = [new("label", "from runner")],
        });
        Assert.Equal(6, result.FailedCell); // the first failure: the cell that throws (after the injected parameters cell)
        var (code, log) = JupyterTools.Run(JupyterTools.Python,
            ["-c", "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=4); nbformat.validate(nb); print(nb.nbformat, nb.nbformat_minor)", output],
            _environment, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, log);
        Assert.StartsWith("4 5", log.Trim());
    }

    [JupyterFact]
    public void Nbconvert_executes_a_notebook_through_the_kernel()
    {
        var input = Path.Combine(AppContext.BaseDirectory, "e2e", "kernel-e2e.ipynb");
        var (code, output) = JupyterTools.Run(JupyterTools.Python,
        [
            "-m", "nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=researchkit-csharp",
            // The endless-loop cell is stopped by nbclient's interrupt_on_timeout; 15 s leaves a cold, loaded machine room for the other cells.
            "--ExecutePreprocessor.timeout=15", "--ExecutePreprocessor.interrupt_on_timeout=True",
            "--output-dir", _prefix, "--output", "executed.ipynb", input,
        ], _environment, TimeSpan.FromMinutes(3));
        Assert.True(code == 0, output);
        var cells = (JsonArray)JsonNode.Parse(File.ReadAllText(Path.Combine(_prefix, "executed.ipynb")))!["cells"]!;
        JsonArray Outputs(int i) => cells[i]!["outputs"]!.AsArray();
        // nbformat stores multi-line text either as one string or as a list of lines.
        static string Text(JsonNode? node) => node is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : node!.GetValue<string>();
        Assert.Equal("done", Text(Outputs(2)[0]!["data"]!["text/plain"]));
        Assert.Equal("label is default\n", Text(Outputs(2)[1]!["text"]));
        Assert.Contains("<table>", Text(Outputs(3)[0]!["data"]!["text/html"]));
        Assert.Equal("InvalidOperationException", Outputs(4)[0]!["ename"]!.GetValue<string>());
        Assert.Equal("StdinNotAllowedException", Outputs(5).Single(o => (string?)o!["output_type"] == "error")!["ename"]!.GetValue<string>());
        Assert.Equal("CellInterrupted", Outputs(6).Single(o => (string?)o!["output_type"] == "error")!["ename"]!.GetValue<string>());
        Assert.Equal("still alive after an interrupt", Text(Outputs(7)[0]!["data"]!["text/plain"]));
    }
}
