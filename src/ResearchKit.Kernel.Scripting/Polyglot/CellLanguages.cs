namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>
/// The kernel names a Polyglot cell can be written in (<c>#!csharp</c>, <c>#!html</c>, … as a cell's first line, or a
/// cell's <c>kernelName</c> metadata): C# runs, HTML/JavaScript/Markdown are shown as what they are, the rest are named
/// in a clear error because this kernel runs only C#.
/// </summary>
public static class CellLanguages
{
    public const string CSharp = "csharp";
    public const string Html = "html";
    public const string JavaScript = "javascript";
    public const string Markdown = "markdown";

    /// <summary>Kernel names of .NET Interactive's other languages and connectors: recognised, not run.</summary>
    private static readonly HashSet<string> Unsupported = new(StringComparer.OrdinalIgnoreCase)
    {
        "fsharp", "f#", "pwsh", "powershell", "sql", "kql", "mermaid", "http", "value", "python", "r", "typescript", "ts",
        "vbnet", "vb", "wpf", "spiral", "go",
    };

    /// <summary>The supported language a kernel name stands for (csharp, html, javascript, markdown), else null.</summary>
    public static string? Supported(string kernelName) => kernelName.ToLowerInvariant() switch
    {
        "csharp" or "c#" => CSharp,
        "html" => Html,
        "javascript" or "js" => JavaScript,
        "markdown" or "md" => Markdown,
        _ => null,
    };

    /// <summary>True for a kernel name of a language this kernel recognises but cannot run (F#, PowerShell, SQL, …).</summary>
    public static bool IsOtherLanguage(string kernelName) =>
        Unsupported.Contains(kernelName) || kernelName.StartsWith("sql-", StringComparison.OrdinalIgnoreCase)
                                         || kernelName.StartsWith("kql-", StringComparison.OrdinalIgnoreCase);
}
