using System.Text.Json.Nodes;
using ResearchKit.Kernel.Tests.EndToEnd;
using ResearchKit.Kernel.Tests.Notebooks;

namespace ResearchKit.Kernel.Tests.Polyglot;

/// <summary>
/// The kernel process formats with the culture of the environment it is started in (LANG), as .NET Interactive did:
/// Polyglot notebooks saved on en-US machines show "$" amounts that the invariant culture writes as "¤".
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class PolyglotCultureTests : IDisposable
{
    private readonly NotebookBuilder _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Notebook_run_and_its_kernel_format_with_the_culture_of_LANG()
    {
        var input = _files.Write("culture.ipynb",
            ("using System.Globalization;\nConsole.WriteLine($\"{CultureInfo.CurrentCulture.Name} {1234.5m:C}\");", []), ("1.5", []));
        var output = Path.Combine(_files.Folder, "culture.out.ipynb");
        var german = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" };
        var (code, log) = JupyterTools.Run(DotNet.Host, [DotNet.ResearchKit, "notebook", "run", input, "-o", output], german, TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"exit code {code}\n{log}");
        var cells = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray();
        Assert.Equal("de-DE 1.234,50 €\n", cells[1]!["outputs"]![0]!["text"]!.GetValue<string>().Replace('\u00a0', ' '));
        Assert.Equal("1,5", cells[2]!["outputs"]![0]!["data"]!["text/plain"]!.GetValue<string>());
    }
}
