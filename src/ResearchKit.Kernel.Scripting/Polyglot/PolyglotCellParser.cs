using System.Text;
using System.Text.RegularExpressions;
using ResearchKit.Kernel.Scripting.References;

namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>
/// Splits a cell written for .NET Interactive into sections: a <c>#!csharp</c>, <c>#!html</c>, <c>#!javascript</c> or
/// <c>#!markdown</c> line starts a section in that language (as in Polyglot notebooks), and a C# section's
/// <c>#r "nuget: …"</c>, <c>#i "nuget: …"</c> and magic-command lines are taken out for the kernel to act on.
/// </summary>
public static partial class PolyglotCellParser
{
    /// <summary>The magic commands a C# section may carry.</summary>
    public static IReadOnlyList<string> MagicCommands { get; } = ["time", "about", "lsmagic", "who", "whos"];

    /// <summary>The cell's sections in order; the first is in <paramref name="language"/> unless the cell starts with a kernel line.</summary>
    /// <exception cref="PolyglotCellException">Another language's section, an unknown magic command, or an <c>#i</c> that is not a NuGet source.</exception>
    public static IReadOnlyList<CellSection> Parse(string cell, string language = CellLanguages.CSharp)
    {
        var sections = new List<CellSection>();
        var current = new SectionBuilder(CellLanguages.Supported(language) ?? throw OtherLanguage(language));
        var lines = cell.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index];
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal) && !trimmed.StartsWith("#!/", StringComparison.Ordinal) && trimmed.Length > 2)
            {
                var name = trimmed[2..].Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries)[0];
                if (CellLanguages.Supported(name) is { } next)
                {
                    if (current.HasContent) sections.Add(current.Build());
                    current = new SectionBuilder(next);
                    // Blank lines for the lines before, so C# errors name the line of the cell.
                    if (next == CellLanguages.CSharp) current.Code.Append('\n', index + 1);
                    continue;
                }
                if (CellLanguages.IsOtherLanguage(name)) throw OtherLanguage(name);
                if (current.Language == CellLanguages.CSharp)
                {
                    if (!MagicCommands.Contains(name, StringComparer.OrdinalIgnoreCase))
                        throw new PolyglotCellException("UnsupportedMagicCommand",
                            $"The magic command '#!{name}' is not supported by this kernel; it supports #!{string.Join(", #!", MagicCommands)} and the cell kinds #!csharp, #!html, #!javascript and #!markdown. Remove the line or run the notebook in .NET Interactive.");
                    current.Magics.Add(name.ToLowerInvariant());
                    current.Code.Append('\n');
                    continue;
                }
            }
            if (current.Language == CellLanguages.CSharp && Directive().Match(line) is { Success: true } directive)
            {
                var text = directive.Groups["text"].Value;
                if (directive.Groups["kind"].Value == "r")
                {
                    if (NuGetPackageSpec.TryParse(text) is not { } package)
                    {
                        current.Code.Append(line).Append('\n');  // a #r of a file: Roslyn resolves it
                        continue;
                    }
                    current.Packages.Add(package);
                }
                else if (text.Trim().StartsWith(NuGetPackageSpec.Prefix, StringComparison.OrdinalIgnoreCase))
                {
                    current.Sources.Add(text.Trim()[NuGetPackageSpec.Prefix.Length..].Trim());
                }
                else
                {
                    throw new PolyglotCellException("UnsupportedDirective", $"'#i \"{text}\"' is not supported: #i only adds a NuGet package source, written #i \"nuget: SOURCE\" (a feed URL or a folder).");
                }
                current.Code.Append('\n');
                continue;
            }
            current.Code.Append(line).Append('\n');
        }
        if (current.HasContent || sections.Count == 0) sections.Add(current.Build());
        return sections;
    }

    private static PolyglotCellException OtherLanguage(string name) => new("UnsupportedLanguage",
        $"This cell is written in '{name}', which this kernel cannot run: it runs C# (#!csharp) and shows #!html, #!javascript and #!markdown cells. Port the cell to C#, or run the notebook in .NET Interactive.");

    // .NET Interactive also took a directive whose closing quote was left off at the end of the line.
    [GeneratedRegex("""^\s*#(?<kind>r|i)\s+"(?<text>[^"]*)(?:"\s*(//.*)?)?$""")]
    private static partial Regex Directive();

    private sealed class SectionBuilder(string language)
    {
        public string Language { get; } = language;
        public StringBuilder Code { get; } = new();
        public List<NuGetPackageSpec> Packages { get; } = [];
        public List<string> Sources { get; } = [];
        public List<string> Magics { get; } = [];

        public bool HasContent => Code.ToString().Trim().Length > 0 || Packages.Count > 0 || Sources.Count > 0 || Magics.Count > 0;

        public CellSection Build()
        {
            var code = Code.ToString();
            if (code.EndsWith('\n')) code = code[..^1];
            return new CellSection(Language, Language == CellLanguages.CSharp ? code : code.Trim('\n'), Packages, Sources, Magics);
        }
    }
}
