using System.Diagnostics;

namespace ResearchKit.Kernel.Scripting.References;

/// <summary>
/// Packages the kernel already carries (Plotly.NET, Microsoft.Data.Analysis, .NET Interactive's Formatting, …): a
/// <c>#r "nuget: …"</c> of one is answered with the kernel's copy, since a second version cannot load beside it.
/// Plotly.NET.Interactive is among them: the kernel shows Plotly.NET charts itself.
/// </summary>
public static class KernelProvidedPackages
{
    /// <summary>Package id to (assembly file name, why the kernel's copy stands in when that needs saying).</summary>
    private static readonly Dictionary<string, (string Assembly, string? Note)> Packages = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Plotly.NET"] = ("Plotly.NET", null),
        ["Plotly.NET.CSharp"] = ("Plotly.NET.CSharp", null),
        ["Plotly.NET.Interactive"] = ("Plotly.NET", "the kernel shows Plotly.NET charts itself (offline), with its Plotly.NET"),
        ["Microsoft.Data.Analysis"] = ("Microsoft.Data.Analysis", null),
        ["Microsoft.DotNet.Interactive.Formatting"] = ("Microsoft.DotNet.Interactive.Formatting", null),
        ["Microsoft.AspNetCore.Html.Abstractions"] = ("Microsoft.AspNetCore.Html.Abstractions", null),
        ["FSharp.Core"] = ("FSharp.Core", null),
        ["SkiaSharp"] = ("SkiaSharp", null),
    };

    /// <summary>The kernel's copy of <paramref name="packageId"/>: its version and why it stands in; false when the kernel lacks it.</summary>
    public static bool TryGet(string packageId, out string version, out string? note)
    {
        (version, note) = ("", null);
        if (!Packages.TryGetValue(packageId, out var entry)) return false;
        var path = ScriptEnvironment.TrustedAssemblies().FirstOrDefault(p => Path.GetFileNameWithoutExtension(p).Equals(entry.Assembly, StringComparison.OrdinalIgnoreCase));
        if (path is null) return false;
        // The package version is the assembly's informational version (without a source-control suffix).
        version = FileVersionInfo.GetVersionInfo(path).ProductVersion?.Split('+')[0] ?? "?";
        note = entry.Note;
        return true;
    }
}
