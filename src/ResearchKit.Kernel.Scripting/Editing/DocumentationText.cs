using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ResearchKit.Kernel.Scripting.Editing;

/// <summary>
/// A doc comment as plain text: summary, parameters, returns and remarks, with <c>&lt;paramref&gt;</c>,
/// <c>&lt;see cref&gt;</c>, <c>&lt;c&gt;</c> and <c>&lt;para&gt;</c> written out as the words they stand for.
/// </summary>
public sealed record DocumentationText(string? Summary, IReadOnlyList<(string Name, string Text)> Parameters, string? Returns, string? Remarks)
{
    /// <summary>Parses a member's doc comment XML; null when there is none or it is not XML.</summary>
    public static DocumentationText? Parse(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml)) return null;
        XElement member;
        try
        {
            member = XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return null;
        }
        string? Section(string name) => member.Element(name) is { } element ? Flatten(element) : null;
        var parameters = member.Elements("param")
            .Select(p => (p.Attribute("name")?.Value ?? "?", Flatten(p)))
            .ToList();
        var doc = new DocumentationText(Section("summary"), parameters, Section("returns"), Section("remarks"));
        return doc.Summary is null && parameters.Count == 0 && doc.Returns is null ? null : doc;
    }

    /// <summary>The sections as indented plain text.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        if (Summary is { Length: > 0 }) text.Append(Summary).Append('\n');
        foreach (var (name, description) in Parameters) text.Append("  ").Append(name).Append(": ").Append(description).Append('\n');
        if (Returns is { Length: > 0 }) text.Append("  returns: ").Append(Returns).Append('\n');
        if (Remarks is { Length: > 0 }) text.Append(Remarks).Append('\n');
        return text.ToString().TrimEnd('\n');
    }

    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        var lines = text.ToString().Split('\n').Select(l => string.Join(" ", l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        return string.Join("\n", lines.Where(l => l.Length > 0));
    }

    private static void Append(XElement element, StringBuilder text)
    {
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XText t:
                    text.Append(t.Value);
                    break;
                case XElement { Name.LocalName: "paramref" or "typeparamref" } reference:
                    text.Append(reference.Attribute("name")?.Value);
                    break;
                case XElement { Name.LocalName: "see" or "seealso" } see:
                    if (see.Nodes().Any()) Append(see, text);
                    else text.Append(see.Attribute("langword")?.Value ?? ShortName(see.Attribute("cref")?.Value ?? see.Attribute("href")?.Value ?? ""));
                    break;
                case XElement { Name.LocalName: "para" or "br" } paragraph:
                    text.Append('\n');
                    Append(paragraph, text);
                    text.Append('\n');
                    break;
                case XElement { Name.LocalName: "item" } item:
                    text.Append("\n- ");
                    Append(item, text);
                    break;
                case XElement other:
                    Append(other, text);
                    break;
            }
        }
    }

    /// <summary><c>T:System.Collections.Generic.List`1</c> becomes <c>List</c>; <c>M:A.B.C(System.Int32)</c> becomes <c>B.C</c>.</summary>
    private static string ShortName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0) name = name[..paren];
        var tick = name.IndexOf('`');
        if (tick >= 0) name = name[..tick];
        var parts = name.Split('.');
        return cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
    }
}
