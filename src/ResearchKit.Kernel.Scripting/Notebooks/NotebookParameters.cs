using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ResearchKit.Kernel.Scripting.Notebooks;

/// <summary>
/// papermill-style parameters: <c>-p name=value</c> becomes a typed C# assignment (<c>var name = 5;</c>) in the cell
/// tagged <c>injected-parameters</c>. Values that read as bool, int, long or double get that type; everything else is a string.
/// </summary>
public static class NotebookParameters
{
    /// <summary>Parses <c>NAME=VALUE</c> pairs; a bad name throws <see cref="NotebookFormatException"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> pairs)
    {
        var parsed = new List<KeyValuePair<string, string>>();
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0) throw new NotebookFormatException($"Parameter '{pair}' is not NAME=VALUE.");
            var name = pair[..equals].Trim();
            if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
                throw new NotebookFormatException($"Parameter name '{name}' is not a C# identifier.");
            parsed.Add(new(name, pair[(equals + 1)..]));
        }
        return parsed;
    }

    /// <summary>The C# literal for a value: true/false, 42, 3000000000 (long), 0.5, or a quoted string.</summary>
    public static string ToLiteral(string value)
    {
        if (value is "true" or "false") return value;
        if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)) return i.ToString(CultureInfo.InvariantCulture);
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return l.ToString(CultureInfo.InvariantCulture) + "L";
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            return d.ToString("R", CultureInfo.InvariantCulture) is var r && (r.Contains('.') || r.Contains('E')) ? r : r + ".0";
        return SymbolDisplay.FormatLiteral(value, quote: true);
    }

    /// <summary>The source of the injected cell.</summary>
    public static string ToCellSource(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var source = new StringBuilder("// Parameters\n");
        foreach (var (name, value) in parameters) source.Append($"var {name} = {ToLiteral(value)};\n");
        return source.ToString();
    }
}
