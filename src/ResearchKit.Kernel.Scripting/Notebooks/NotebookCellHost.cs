using System.Text.Json.Nodes;

namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>
/// Collects one cell's outputs as nbformat output objects (streams merged, displays keyed by id so updates from later
/// cells replace them in place), and optionally echoes text to a console for scripts.
/// </summary>
internal sealed class NotebookCellHost : ICellHost
{
    private readonly Dictionary<string, List<JsonObject>> _displays;
    private readonly TextWriter? _echo;
    private readonly string _cellName;

    public NotebookCellHost(JsonArray outputs, Dictionary<string, List<JsonObject>> displays, string cellName, TextWriter? echo)
    {
        Outputs = outputs;
        _displays = displays;
        _cellName = cellName;
        _echo = echo;
    }

    public JsonArray Outputs { get; }

    public void WriteStream(string name, string text)
    {
        _echo?.Write(text);
        if (Outputs.LastOrDefault() is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
            last["text"] = (string?)last["text"] + text;
        else
            Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
    }

    public void Display(DisplayBundle bundle, string displayId, bool update)
    {
        if (update)
        {
            foreach (var output in _displays.GetValueOrDefault(displayId) ?? [])
            {
                output["data"] = bundle.ToJson();
                output["metadata"] = bundle.MetadataJson();
            }
            return;
        }
        _echo?.WriteLine(bundle.PlainText);
        var display = new JsonObject { ["output_type"] = "display_data", ["data"] = bundle.ToJson(), ["metadata"] = bundle.MetadataJson() };
        Outputs.Add(display);
        if (!_displays.TryGetValue(displayId, out var list)) _displays[displayId] = list = [];
        list.Add(display);
    }

    public string ReadLine(string prompt, bool password) =>
        throw new InvalidOperationException($"{_cellName} reads input (Console.ReadLine), but a headless run has no one to answer; pass the value as a parameter (-p NAME=VALUE) instead.");

    public void AddResult(int executionCount, DisplayBundle bundle)
    {
        _echo?.WriteLine(bundle.PlainText);
        Outputs.Add(new JsonObject
        {
            ["output_type"] = "execute_result",
            ["execution_count"] = executionCount,
            ["data"] = bundle.ToJson(),
            ["metadata"] = bundle.MetadataJson(),
        });
    }

    public void AddError(CellError error)
    {
        Outputs.Add(new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = error.Name,
            ["evalue"] = error.Message,
            ["traceback"] = new JsonArray(AnsiTraceback.Colour(error).Select(l => (JsonNode)l).ToArray()),
        });
    }
}
