using System.Text.Json.Nodes;

namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>
/// Reads the language Polyglot Notebooks saved for a cell: <c>metadata.polyglot_notebook.kernelName</c> (current), or
/// <c>metadata.dotnet_interactive.language</c> (older), else the notebook's
/// <c>metadata.polyglot_notebook.kernelInfo.defaultKernelName</c>; C# when none is given.
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>The kernel name a code cell is written for.</summary>
    public static string CellKernel(JsonObject notebook, JsonObject cell) =>
        Text(cell["metadata"]?["polyglot_notebook"]?["kernelName"])
        ?? Text(cell["metadata"]?["dotnet_interactive"]?["language"])
        ?? Text(notebook["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"])
        ?? CellLanguages.CSharp;

    /// <summary>
    /// The cell's source as this kernel should receive it: a cell saved as another kernel's (HTML, JavaScript, Markdown,
    /// F#, …) gets that kernel's <c>#!name</c> line first, unless it already starts with a <c>#!</c> line.
    /// </summary>
    public static string SourceForKernel(JsonObject notebook, JsonObject cell, string source)
    {
        var kernel = CellKernel(notebook, cell);
        if (CellLanguages.Supported(kernel) == CellLanguages.CSharp || source.TrimStart().StartsWith("#!", StringComparison.Ordinal)) return source;
        return $"#!{kernel}\n{source}";
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
