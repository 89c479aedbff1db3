namespace ResearchKit.Kernel.Scripting.References;

/// <summary>The package named in <c>#r "nuget: Name, Version"</c> (version optional: the newest release is taken).</summary>
public sealed record NuGetPackageSpec(string Name, string? Version)
{
    /// <summary>The directive prefix.</summary>
    public const string Prefix = "nuget:";

    /// <summary>Parses the text after <c>#r</c>; null when it is not a nuget reference.</summary>
    public static NuGetPackageSpec? TryParse(string reference)
    {
        if (!reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var parts = reference[Prefix.Length..].Split([',', '/'], 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0].Any(c => !(char.IsLetterOrDigit(c) || c is '.' or '-' or '_')))
            throw new NuGetRestoreException(reference, "expected #r \"nuget: Name, Version\" with a plain package id.");
        var version = parts.Length > 1 ? parts[1] : null;
        if (version is not null && version.Any(c => !(char.IsLetterOrDigit(c) || c is '.' or '-' or '*' or '+')))
            throw new NuGetRestoreException(reference, $"'{version}' is not a package version.");
        return new NuGetPackageSpec(parts[0], version);
    }

    public override string ToString() => Version is null ? Name : $"{Name}, {Version}";
}
