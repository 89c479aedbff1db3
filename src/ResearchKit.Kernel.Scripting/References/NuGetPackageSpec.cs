namespace ResearchKit.Kernel.Scripting.References;

/// <summary>
/// The package named in <c>#r "nuget: Name, Version"</c>, in every spelling .NET Interactive accepted: with or without a
/// space after <c>nuget:</c>, with or without a version, a version after <c>,</c> or <c>/</c>, floating versions
/// (<c>1.*</c>, <c>*-*</c>) and ranges (<c>[1.0,2.0)</c>). Without a version the newest release is taken.
/// </summary>
public sealed record NuGetPackageSpec(string Name, string? Version)
{
    /// <summary>The directive prefix.</summary>
    public const string Prefix = "nuget:";

    /// <summary>Parses the text after <c>#r</c>; null when it is not a nuget reference.</summary>
    public static NuGetPackageSpec? TryParse(string reference)
    {
        reference = reference.Trim();
        if (!reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var parts = reference[Prefix.Length..].Split([',', '/'], 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var written = reference[Prefix.Length..].Trim();  // the exception adds the "nuget:" prefix back
        if (parts.Length == 0 || parts[0].Any(c => !(char.IsLetterOrDigit(c) || c is '.' or '-' or '_')))
            throw new NuGetRestoreException(written, "expected #r \"nuget: Name, Version\" with a plain package id.");
        var version = parts.Length > 1 ? string.Concat(parts[1].Where(c => !char.IsWhiteSpace(c))) : null;
        if (version is not null && version.Any(c => !(char.IsLetterOrDigit(c) || c is '.' or '-' or '*' or '+' or '[' or ']' or '(' or ')' or ',')))
            throw new NuGetRestoreException(written, $"'{version}' is not a package version or version range.");
        return new NuGetPackageSpec(parts[0], version is { Length: > 0 } ? version : null);
    }

    public override string ToString() => Version is null ? Name : $"{Name}, {Version}";
}
