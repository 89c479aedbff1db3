using System.Text.Json.Nodes;

namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>
/// Notebooks 01-06 executed by <c>researchkit notebook run</c>: taken from $RESEARCHKIT_EXECUTED_NOTEBOOKS when
/// scripts/test.sh has just run them (scripts/run-notebooks.sh), else run here into a scratch folder.
/// </summary>
public sealed class ExecutedNotebooks : IDisposable
{
    /// <summary>A folder of executed NAME.ipynb files to reuse.</summary>
    public const string Variable = "RESEARCHKIT_EXECUTED_NOTEBOOKS";

    public static readonly string[] Names = ["01-explore", "02-compare-models", "03-calibrate", "04-tune-weights", "05-query-expansion", "06-train-triplets"];

    private readonly string? _scratch;

    public ExecutedNotebooks()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given && Names.All(n => File.Exists(Path.Combine(given, n + ".ipynb"))))
        {
            Folder = given;
            return;
        }
        Folder = _scratch = Directory.CreateTempSubdirectory("rk-executed").FullName;
        foreach (var name in Names)
        {
            var (code, log) = JupyterTools.Run(DotNet.Host, [DotNet.ResearchKit, "notebook", "run", Path.Combine(RepositoryFolder.Root, "notebooks", name + ".ipynb"),
                "-o", Path.Combine(Folder, name + ".ipynb")], new Dictionary<string, string>(), TimeSpan.FromMinutes(10), RepositoryFolder.Root);
            if (code != 0) throw new InvalidOperationException($"notebook {name} failed (exit {code}):\n{log}");
        }
    }

    public string Folder { get; }

    public string PathOf(string name) => System.IO.Path.Combine(Folder, name + ".ipynb");

    /// <summary>The chart outputs (Plotly figures) the executed notebook holds.</summary>
    public int Charts(string name) => JsonNode.Parse(File.ReadAllText(PathOf(name)))!["cells"]!.AsArray()
        .SelectMany(c => c!["outputs"] as JsonArray ?? [])
        .Count(o => o!["data"]?["application/vnd.plotly.v1+json"] is not null);

    public void Dispose()
    {
        if (_scratch is not null) Directory.Delete(_scratch, recursive: true);
    }
}
