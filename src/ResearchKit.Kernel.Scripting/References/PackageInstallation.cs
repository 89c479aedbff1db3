using System.Net;
using System.Text;

namespace ResearchKit.Kernel.Scripting.References;

/// <summary>What a cell's <c>#i</c>/<c>#r "nuget: …"</c> lines did: sources added, packages installed (name, version), notes, new assemblies.</summary>
public sealed record PackageInstallation(
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Installed,
    IReadOnlyList<string> Notes,
    IReadOnlyList<string> NewAssemblies)
{
    /// <summary>Packages of the cell that the package sources do not serve (as written); the others were installed.</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];

    /// <summary>NuGet's own lines about the <see cref="Missing"/> packages (e.g. its NU1101 error).</summary>
    public IReadOnlyList<string> MissingDetail { get; init; } = [];

    /// <summary>The "Installed Packages" output .NET Interactive showed, as HTML and plain text.</summary>
    public DisplayBundle ToBundle()
    {
        var html = new StringBuilder("<div>");
        var text = new StringBuilder();
        void Block(string title, IReadOnlyList<string> items)
        {
            if (items.Count == 0) return;
            html.Append("<div><strong>").Append(title).Append("</strong><ul>");
            foreach (var item in items) html.Append("<li><span>").Append(WebUtility.HtmlEncode(item)).Append("</span></li>");
            html.Append("</ul></div>");
            text.Append(title).Append('\n');
            foreach (var item in items) text.Append("  • ").Append(item).Append('\n');
        }
        Block("Restore sources", Sources);
        Block("Installed Packages", Installed);
        Block("Not on the package source", Missing);
        Block("Notes", Notes);
        html.Append("</div>");
        return new DisplayBundle(new Dictionary<string, object> { ["text/html"] = html.ToString(), ["text/plain"] = text.ToString().TrimEnd() });
    }
}
