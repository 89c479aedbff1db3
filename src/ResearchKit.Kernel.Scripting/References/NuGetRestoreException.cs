namespace ResearchKit.Kernel.Scripting.References;

/// <summary>A <c>#r "nuget: …"</c> package that could not be restored; the message names it and shows the restore's last lines.</summary>
public sealed class NuGetRestoreException : ResearchKitException
{
    public NuGetRestoreException(string package, string detail)
        : base($"#r \"nuget: {package}\" could not be restored: {detail}\nCheck the package name and version against your package source (nuget.config, or #i \"nuget:SOURCE\"); the kernel keeps running.")
    {
        Package = package;
    }

    /// <summary>The package as written in the directive.</summary>
    public string Package { get; }
}
