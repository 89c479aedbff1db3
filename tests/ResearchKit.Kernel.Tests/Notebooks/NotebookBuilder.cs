using System.Text.Json.Nodes;
using ResearchKit.Kernel.Scripting.Notebooks;

namespace ResearchKit.Kernel.Tests.Notebooks;

/// <summary>Writes small test notebooks (nbformat 4.4, no cell ids, like older files) into a temp folder.</summary>
public sealed class NotebookBuilder : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("rk-nb").FullName;

    public string Write(string name, params (string Source, string[] Tags)[] cells)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code",
                ["metadata"] = new JsonObject { ["tags"] = new JsonArray(c.Tags.Select(t => (JsonNode)t).ToArray()) },
                ["source"] = new JsonArray(Lines(c.Source)),
                ["execution_count"] = null,
                ["outputs"] = new JsonArray(),
            }).Prepend(new JsonObject { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = "# Title" }).ToArray()),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["name"] = NotebookFile.KernelName, ["display_name"] = "C# (ResearchKit)" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    private static JsonNode[] Lines(string source)
    {
        var lines = source.Split('\n');
        return lines.Select((line, i) => (JsonNode)JsonValue.Create(i < lines.Length - 1 ? line + "\n" : line)).ToArray();
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
