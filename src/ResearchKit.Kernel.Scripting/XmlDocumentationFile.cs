using System.Globalization;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace ResearchKit.Kernel.Scripting;

/// <summary>Reads a library's XML documentation file (loaded on first use) so inspect can show doc comments.</summary>
internal sealed class XmlDocumentationFile : DocumentationProvider
{
    private readonly string _path;
    private readonly Lazy<Dictionary<string, string>> _members;

    public XmlDocumentationFile(string path)
    {
        _path = path;
        _members = new Lazy<Dictionary<string, string>>(Load);
    }

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        _members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : null;

    public override bool Equals(object? obj) => obj is XmlDocumentationFile other && other._path == _path;

    public override int GetHashCode() => _path.GetHashCode(StringComparison.Ordinal);

    private Dictionary<string, string> Load()
    {
        try
        {
            return XDocument.Load(_path).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => m.Attribute("name")!.Value)
                .ToDictionary(g => g.Key, g => g.First().ToString());
        }
        catch (Exception e) when (e is IOException or System.Xml.XmlException)
        {
            return [];
        }
    }
}
