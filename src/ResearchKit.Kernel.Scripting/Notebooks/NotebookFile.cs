using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.IO;

namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>Loads .ipynb (nbformat 4), .dib and .csx files as one nbformat 4.5 notebook, and writes notebooks atomically.</summary>
public static class NotebookFile
{
    /// <summary>The kernelspec name notebooks for this kernel carry.</summary>
    public const string KernelName = "researchkit-csharp";

    /// <summary>Reads a notebook or script; a missing or malformed file throws <see cref="NotebookFormatException"/>.</summary>
    public static JsonObject Load(string path)
    {
        if (!File.Exists(path)) throw new NotebookFormatException($"Notebook '{path}' does not exist.");
        var text = File.ReadAllText(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csx" or ".cs" => FromCells([("code", text)]),
            ".dib" => FromCells(DibReader.ReadCells(text)),
            _ => ParseIpynb(path, text),
        };
    }

    /// <summary>A cell's source, whether stored as one string or a list of lines.</summary>
    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue value => value.GetValue<string>(),
        _ => "",
    };

    /// <summary>A new cell in nbformat 4.5 shape, with an id.</summary>
    public static JsonObject NewCell(string kind, string source, params string[] tags)
    {
        var cell = new JsonObject
        {
            ["cell_type"] = kind,
            ["id"] = Guid.NewGuid().ToString("N")[..12],
            ["metadata"] = tags.Length == 0 ? new JsonObject() : new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t).ToArray()) },
            ["source"] = source,
        };
        if (kind == "code")
        {
            cell["execution_count"] = null;
            cell["outputs"] = new JsonArray();
        }
        return cell;
    }

    /// <summary>Writes through the project's atomic writer (temporary file, flush, rename), so readers never see half a notebook.</summary>
    public static void SaveAtomically(JsonObject notebook, string path) => AtomicFile.Write(Path.GetFullPath(path), stream =>
    {
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            notebook.WriteTo(writer);
        stream.WriteByte((byte)'\n');
    });

    private static JsonObject ParseIpynb(string path, string text)
    {
        JsonObject? notebook;
        try
        {
            notebook = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"Notebook '{path}' is not valid JSON ({e.Message}).", e);
        }
        if (notebook is null || notebook["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"Notebook '{path}' has no 'cells' list; is it an .ipynb file?");
        if (notebook["nbformat"]?.GetValueKind() != JsonValueKind.Number || notebook["nbformat"]!.GetValue<int>() != 4)
            throw new NotebookFormatException($"Notebook '{path}' is not nbformat 4; open and save it in a current Jupyter to upgrade it.");
        foreach (var (cell, index) in cells.Select((c, i) => (c, i)))
        {
            if (cell is not JsonObject obj || obj["cell_type"]?.GetValue<string>() is not { } kind)
                throw new NotebookFormatException($"Notebook '{path}': cell {index + 1} is not an object with a cell_type.");
            obj["metadata"] ??= new JsonObject();
            obj["id"] ??= Guid.NewGuid().ToString("N")[..12];
            if (kind == "code") obj["outputs"] ??= new JsonArray();
        }
        notebook["metadata"] ??= new JsonObject();
        notebook["nbformat_minor"] = Math.Max(5, notebook["nbformat_minor"]?.GetValue<int>() ?? 0);
        return notebook;
    }

    private static JsonObject FromCells(IEnumerable<(string Kind, string Source)> cells) => new()
    {
        ["cells"] = new JsonArray(cells.Select(c => (JsonNode)NewCell(c.Kind, c.Source)).ToArray()),
        ["metadata"] = new JsonObject
        {
            ["kernelspec"] = new JsonObject { ["name"] = KernelName, ["display_name"] = "C# (ResearchKit)", ["language"] = "csharp" },
            ["language_info"] = new JsonObject { ["name"] = "csharp", ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };
}
