namespace ResearchKit.Kernel.Scripting.References;

/// <summary>What one restore produced: the managed assemblies, the version each requested package resolved to, and NuGet's warnings.</summary>
/// <param name="Assemblies">Managed assemblies of the packages and their dependencies (natives sit beside them).</param>
/// <param name="Versions">Resolved version per requested package id (case-insensitive).</param>
/// <param name="Warnings">NuGet warnings worth showing (a version not on the source, a source that could not be reached).</param>
public sealed record PackageRestore(IReadOnlyList<string> Assemblies, IReadOnlyDictionary<string, string> Versions, IReadOnlyList<string> Warnings);
