using System.Text.RegularExpressions;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Colours a cell's traceback with ANSI escapes, as ipykernel's tracebacks are coloured, so front ends (and nbconvert's
/// HTML) show errors red rather than as ordinary output: the exception or error code in red, the cell's own lines in
/// green, library frames dim. <see cref="Strip"/> removes the colours for a log file or a redirected terminal.
/// </summary>
public static partial class AnsiTraceback
{
    private const string Red = "\u001b[0;31m", Green = "\u001b[0;32m", Dim = "\u001b[2m", Reset = "\u001b[0m";

    /// <summary>The error's traceback lines, coloured.</summary>
    public static IReadOnlyList<string> Colour(CellError error) => [.. error.Traceback.Select((line, i) => ColourLine(line, i == 0, error.Name))];

    /// <summary>The text without ANSI escape sequences.</summary>
    public static string Strip(string text) => Escape().Replace(text, "");

    private static string ColourLine(string line, bool first, string name)
    {
        if (line.Contains('\u001b', StringComparison.Ordinal)) return line;
        if (CompileError().Match(line) is { Success: true } compile)
            return $"{Green}{compile.Groups["where"].Value}{Reset}{Red}{compile.Groups["code"].Value}{Reset}{compile.Groups["rest"].Value}";
        if (line.StartsWith("   at ", StringComparison.Ordinal))
            return line.Contains(", line ", StringComparison.Ordinal) || line.Contains("at cell", StringComparison.Ordinal) ? $"{Green}{line}{Reset}" : $"{Dim}{line}{Reset}";
        if (line.StartsWith(" ---> ", StringComparison.Ordinal) || first)
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            return colon > 0 ? $"{Red}{line[..colon]}{Reset}{line[colon..]}" : $"{Red}{line}{Reset}";
        }
        return line.StartsWith(name, StringComparison.Ordinal) ? $"{Red}{line}{Reset}" : line;
    }

    [GeneratedRegex(@"^(?<where>.+?\(\d+,\d+\): )(?<code>error \w+)(?<rest>:.*)$")]
    private static partial Regex CompileError();

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Escape();
}
