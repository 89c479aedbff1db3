using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis.Scripting;
using ResearchKit.Kernel.Scripting.Display;

namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>What the magic commands show: <c>#!time</c>'s wall time, <c>#!about</c>, <c>#!lsmagic</c>, <c>#!who</c> and <c>#!whos</c>.</summary>
public static class MagicCommandOutput
{
    /// <summary>The output of <c>#!about</c>, <c>#!lsmagic</c>, <c>#!who</c> or <c>#!whos</c>.</summary>
    internal static DisplayBundle For(string magic, ScriptState<object>? state) => magic switch
    {
        "about" => About(),
        "lsmagic" => List(),
        "who" => Who(state, withTypes: false),
        _ => Who(state, withTypes: true),
    };

    /// <summary><c>#!time</c>: "Wall time: 12.345ms", as .NET Interactive printed it.</summary>
    public static DisplayBundle WallTime(TimeSpan elapsed) =>
        Text(string.Create(CultureInfo.InvariantCulture, $"Wall time: {elapsed.TotalMilliseconds:0.####}ms"));

    private static DisplayBundle About()
    {
        var version = typeof(MagicCommandOutput).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var text = $"ResearchKit C# kernel {version}: Roslyn scripting on .NET {Environment.Version} ({RuntimeInformation.RuntimeIdentifier}); "
                   + "runs C# notebooks written for .NET Interactive / Polyglot Notebooks.";
        return new DisplayBundle(new Dictionary<string, object>
        {
            ["text/html"] = $"<div><strong>ResearchKit C# kernel</strong> {version}<br/>Roslyn scripting on .NET {Environment.Version} ({RuntimeInformation.RuntimeIdentifier})<br/>Runs C# notebooks written for .NET Interactive / Polyglot Notebooks.</div>",
            ["text/plain"] = text,
        });
    }

    private static DisplayBundle List()
    {
        (string Name, string What)[] commands =
        [
            ("#!csharp", "the cell (or the rest of it) is C#"),
            ("#!html", "show the cell as HTML"),
            ("#!javascript", "run the cell as JavaScript in the front end"),
            ("#!markdown", "show the cell as Markdown"),
            ("#!time", "show how long the C# code took"),
            ("#!about", "about this kernel"),
            ("#!lsmagic", "this list"),
            ("#!who, #!whos", "the variables defined so far (with types and values)"),
            ("#r \"nuget: Name, Version\"", "add a NuGet package (version optional; ranges and *-* allowed)"),
            ("#i \"nuget: SOURCE\"", "add a NuGet package source (a feed URL or a folder)"),
        ];
        var rows = commands.Select(c => (IReadOnlyList<string>)[c.Name, c.What]).ToList();
        return new DisplayBundle(new Dictionary<string, object>
        {
            ["text/html"] = HtmlTable.Render(["command", "what it does"], rows, 0),
            ["text/plain"] = string.Join("\n", commands.Select(c => $"{c.Name}  {c.What}")),
        });
    }

    private static DisplayBundle Who(ScriptState<object>? state, bool withTypes)
    {
        var variables = (state?.Variables ?? []).GroupBy(v => v.Name).Select(g => g.Last()).OrderBy(v => v.Name, StringComparer.Ordinal).ToList();
        if (!withTypes) return Text(variables.Count == 0 ? "(no variables)" : string.Join("  ", variables.Select(v => v.Name)));
        var rows = variables.Select(v => (IReadOnlyList<string>)[v.Name, TypeNames.Readable(v.Type), Short(PlainTextFormatter.Format(v.Value))]).ToList();
        return new DisplayBundle(new Dictionary<string, object>
        {
            ["text/html"] = HtmlTable.Render(["Variable", "Type", "Value"], rows, 0),
            ["text/plain"] = variables.Count == 0 ? "(no variables)" : string.Join("\n", rows.Select(r => $"{r[0]}  {r[1]}  {r[2]}")),
        });
    }

    private static string Short(string text) => text.Length > 80 ? text[..77] + "..." : text;

    private static DisplayBundle Text(string text) => new(new Dictionary<string, object> { ["text/plain"] = text });
}
