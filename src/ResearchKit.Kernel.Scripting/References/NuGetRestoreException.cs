namespace ResearchKit.Kernel.Scripting.References;

/// <summary>A <c>#r "nuget: …"</c> package that could not be restored; the message names it and shows the restore's last lines.</summary>
public sealed class NuGetRestoreException : ResearchKitException
{
    public NuGetRestoreException(string package, string detail, IReadOnlyList<string>? missingPackages = null)
        : base($"#r \"nuget: {package}\" could not be restored: {detail}\nCheck the package name and version against your package source (nuget.config, or #i \"nuget:SOURCE\"); the kernel keeps running.")
    {
        Package = package;
        Detail = detail;
        MissingPackages = missingPackages ?? [];
    }

    /// <summary>The package as written in the directive.</summary>
    public string Package { get; }

    /// <summary>What the restore said (its error lines), without the advice the message adds.</summary>
    public string Detail { get; }

    /// <summary>Ids of the packages the sources do not serve (NuGet's NU1101-NU1103), when that is what failed the restore.</summary>
    public IReadOnlyList<string> MissingPackages { get; }
}
