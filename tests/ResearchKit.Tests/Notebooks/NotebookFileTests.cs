using System.Text.Json.Nodes;

namespace ResearchKit.Tests.Notebooks;

/// <summary>
/// Static checks of notebooks/*.ipynb (scripts/run-notebooks.sh executes them): each opens with the ResearchKit
/// kernel, has one parameters cell that the runner's -p dataset=… -p model=… can override, and is saved clean.
/// </summary>
public sealed class NotebookFileTests
{
    private static readonly string Folder = Path.Combine(FixturePaths.Reference, "..", "..", "..", "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Folder, "*.ipynb").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void The_seven_research_notebooks_are_there()
    {
        Assert.Equal(
            ["01-explore.ipynb", "02-compare-models.ipynb", "03-calibrate.ipynb", "04-tune-weights.ipynb",
             "05-query-expansion.ipynb", "06-train-triplets.ipynb", "07-export-config.ipynb"],
            Directory.GetFiles(Folder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void A_notebook_uses_the_kernel_has_one_parameters_cell_and_no_saved_outputs(string name)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, name)))!;

        Assert.Equal(4, (int)notebook["nbformat"]!);
        Assert.Equal("researchkit-csharp", (string?)notebook["metadata"]!["kernelspec"]!["name"]);
        var cells = notebook["cells"]!.AsArray().Select(c => c!).ToList();
        Assert.Equal("markdown", (string?)cells[0]["cell_type"]);
        var parameters = Assert.Single(cells, c => c["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "parameters") == true);
        var source = Source(parameters);
        Assert.Contains("var dataset = ", source);
        Assert.Contains("var model = ", source);
        Assert.All(cells.Where(c => (string?)c["cell_type"] == "code"), c =>
        {
            Assert.Empty(c["outputs"]!.AsArray());
            Assert.Null(c["execution_count"]);
        });
    }

    private static string Source(JsonNode cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };
}
