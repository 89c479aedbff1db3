using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace ResearchKit.Kernel.Scripting.References;

/// <summary>
/// Resolves <c>#r</c>: <c>"nuget: Name, Version"</c> through <see cref="NuGetScriptRestorer"/> (an interrupt of the
/// running cell stops the restore), anything else as a file path relative to the notebook.
/// </summary>
public sealed class ScriptReferenceResolver : MetadataReferenceResolver
{
    private readonly ScriptMetadataResolver _files;
    private readonly NuGetScriptRestorer _restorer;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PortableExecutableReference?> _missing = new();

    public ScriptReferenceResolver(string baseDirectory, NuGetScriptRestorer restorer)
    {
        _files = ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory);
        _restorer = restorer;
    }

    public override bool ResolveMissingAssemblies => _files.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
    {
        // Resolution runs inside the cell's compilation, so the running cell's interrupt reaches the restore.
        if (NuGetPackageSpec.TryParse(reference) is { } package)
            return [.. _restorer.Restore(package, CellContext.Current?.Interrupted ?? default).Select(path => MetadataReference.CreateFromFile(path, properties))];
        return _files.ResolveReference(reference, baseFilePath, properties);
    }

    /// <summary>Every cell's compilation asks again for the libraries' own dependencies; the answer (found or not) is kept.</summary>
    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _missing.GetOrAdd(referenceIdentity.GetDisplayName(), _ => _files.ResolveMissingAssembly(definition, referenceIdentity));

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
