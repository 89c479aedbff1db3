using System.Text;
using System.Text.RegularExpressions;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>
/// The plotly.js that Plotly.NET 6 embeds as a resource (2.28.0, the version its charts are made for), packaged so
/// charts draw with no network: one inline script that defines <c>window.Plotly</c> on any page, and chart scripts that
/// wait for it instead of failing with "Plotly is not defined".
/// </summary>
public static partial class PlotlyScript
{
    private static readonly Lazy<(string Version, string Source)> Embedded = new(ReadEmbedded);
    private static readonly Lazy<string> Loader = new(BuildLoader);

    /// <summary>The plotly.js version Plotly.NET ships, e.g. 2.28.0.</summary>
    public static string Version => Embedded.Value.Version;

    /// <summary>
    /// A <c>&lt;script&gt;</c> that defines <c>window.Plotly</c> unless the page has it. plotly.js is a UMD bundle: on a page
    /// with require.js (the classic Notebook, nbconvert's templates) it would register an anonymous AMD module and leave
    /// <c>window.Plotly</c> undefined, so it runs with <c>define</c>, <c>module</c> and <c>exports</c> hidden.
    /// </summary>
    public static string LoaderHtml => Loader.Value;

    /// <summary>
    /// Plotly.NET's chart HTML with its immediate <c>renderPlotly_…()</c> call replaced by one that waits (up to 20 s) for
    /// <c>window.Plotly</c>, and says so in the chart's box if it never comes.
    /// </summary>
    public static string Deferred(string chartHtml) => RenderCall().Replace(chartHtml, match =>
    {
        var render = match.Groups["name"].Value;
        return "(function (tries) { var wait = function () { if (window.Plotly) { " + render + "(); return; }"
            + " if (++tries < 400) { setTimeout(wait, 50); return; }"
            + " var box = document.getElementById('" + Guid.ParseExact(match.Groups["id"].Value, "N").ToString("D") + "'); if (box) box.textContent ="
            + " 'plotly.js is not on this page: run the notebook from the top (its first chart carries plotly.js).'; };"
            + " wait(); })(0);\n</script>";
    }, 1);

    private static (string, string) ReadEmbedded()
    {
        var assembly = typeof(Plotly.NET.GenericChart).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal) && n.EndsWith(".min.js", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (name["Plotly.NET.plotly-".Length..^".min.js".Length], reader.ReadToEnd());
    }

    private static string BuildLoader()
    {
        var (version, source) = Embedded.Value;
        // "</script" inside the bundle (in a string or regex) would end the inline script early; "<\/" means the same in JS.
        var safe = ClosingScript().Replace(source, "<\\/$1");
        return new StringBuilder(source.Length + 400)
            .Append("<script type=\"text/javascript\">/* plotly.js ").Append(version)
            .Append(", inlined once per notebook by the ResearchKit kernel so that charts draw offline */\n")
            .Append("if (!window.Plotly) { (function (define, module, exports) {\n")
            .Append(safe)
            .Append("\n}).call(window); }\n</script>")
            .ToString();
    }

    [GeneratedRegex(@"<(/script)", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingScript();

    [GeneratedRegex(@"(?<name>renderPlotly_(?<id>[0-9a-f]{32}))\(\);\s*</script>")]
    private static partial Regex RenderCall();
}
