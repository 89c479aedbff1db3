using System.Text.Json.Nodes;
using ResearchKit.Cli;
using ResearchKit.Cli.Commands;
using ResearchKit.Cli.Jupyter;
using ResearchKit.Kernel.Scripting.Notebooks;

namespace ResearchKit.Kernel.Tests.Polyglot;

public sealed class PolyglotNotebookTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rk-polyglot-nb").FullName;

    private static JsonObject Cell(string kernel, string source, bool legacy = false) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = legacy
            ? new JsonObject { ["dotnet_interactive"] = new JsonObject { ["language"] = kernel } }
            : new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = kernel } },
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    [Fact]
    public async Task Notebook_run_reads_each_cells_polyglot_language()
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(
                Cell("csharp", "var name = \"Ann\";\nname"),
                Cell("html", "<b>hello</b>"),
                Cell("markdown", "# Heading", legacy: true),
                Cell("fsharp", "let x = 1"),
                Cell("javascript", "console.log(1)")),
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = new JsonObject { ["defaultKernelName"] = "csharp" } },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        var input = Path.Combine(_folder, "polyglot.ipynb");
        File.WriteAllText(input, notebook.ToJsonString());
        var result = await new NotebookRunner(new StringWriter()).RunAsync(new NotebookRunOptions { InputPath = input, AllowErrors = true });
        var cells = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!["cells"]!.AsArray();
        JsonNode Output(int cell) => cells[cell]!["outputs"]!.AsArray().Single()!;
        Assert.Equal("Ann", Output(0)["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("<b>hello</b>", Output(1)["data"]!["text/html"]!.GetValue<string>());
        Assert.Equal("# Heading", Output(2)["data"]!["text/markdown"]!.GetValue<string>());
        Assert.Equal("UnsupportedLanguage", Output(3)["ename"]!.GetValue<string>());
        Assert.Contains("'fsharp'", Output(3)["evalue"]!.GetValue<string>());
        Assert.Equal("console.log(1)", Output(4)["data"]!["application/javascript"]!.GetValue<string>());
        Assert.Equal(4, result.FailedCell);
    }

    [Fact]
    public async Task A_saved_notebook_keeps_an_updated_display_in_place_and_shows_dictionaries_as_tables()
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(
                Cell("csharp", "#r \"nuget: Microsoft.Data.Analysis, 0.22.2"),  // the closing quote left off, as .NET Interactive allowed
                Cell("csharp", "var shown = 0.Display();\nfor (var i = 1; i <= 3; i++) shown.Update(i);"),
                Cell("csharp", "new Dictionary<string, int> { [\"zero\"] = 0, [\"one\"] = 1 }")),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        var input = Path.Combine(_folder, "updates.ipynb");
        File.WriteAllText(input, notebook.ToJsonString());
        var result = await new NotebookRunner(new StringWriter()).RunAsync(new NotebookRunOptions { InputPath = input });
        Assert.Null(result.FailedCell);
        var cells = JsonNode.Parse(File.ReadAllText(result.OutputPath!))!["cells"]!.AsArray();
        Assert.Contains("Microsoft.Data.Analysis 0.22.2 was asked for", cells[0]!["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>());
        var counter = cells[1]!["outputs"]!.AsArray().Single()!;
        Assert.Equal("3", counter["data"]!["text/plain"]!.GetValue<string>());
        var table = cells[2]!["outputs"]!.AsArray().Single()!["data"]!["text/html"]!.GetValue<string>();
        Assert.Contains("<th>key</th><th>value</th></tr></thead><tbody><tr><td>zero</td><td>0</td></tr>", table);
    }

    [Fact]
    public void Kernel_install_polyglot_adds_the_net_csharp_kernelspec_and_keeps_a_foreign_one()
    {
        int Install(params string[] extra) => Program.BuildRoot(CliConsole.Plain(new StringWriter(), new StringWriter()))
            .Parse(["kernel", "install", "--prefix", _folder, .. extra]).Invoke();
        var kernels = Path.Combine(_folder, "share", "jupyter", "kernels");
        var foreign = Directory.CreateDirectory(Path.Combine(kernels, KernelSpecInstaller.PolyglotKernelName)).FullName;
        File.WriteAllText(Path.Combine(foreign, "kernel.json"), "{\"argv\": [\"dotnet\", \"interactive\"], \"language\": \"C#\"}");
        Assert.Equal(CommandGuard.UserError, Install("--polyglot"));
        Assert.Contains("interactive", File.ReadAllText(Path.Combine(foreign, "kernel.json")));
        Assert.Equal(0, Install("--polyglot", "--replace"));
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(foreign, "kernel.json")))!;
        Assert.Equal("C#", spec["language"]!.GetValue<string>());
        Assert.Equal("{connection_file}", spec["argv"]!.AsArray()[^1]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(kernels, KernelSpecInstaller.KernelName, "kernel.json")));
        Assert.Equal(0, Install("--polyglot"));  // ours may be rewritten without --replace
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
