using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Resolves <c>#r</c> like the resolver it wraps but does not add the referenced libraries' own dependencies
/// (<see cref="MetadataReferenceResolver.ResolveMissingAssemblies"/> is false). With it, a submission binds only the
/// assemblies it is given: ResearchKit's dependencies alone would otherwise pull ~130 assemblies into every cell.
/// </summary>
internal sealed class DirectReferenceResolver(MetadataReferenceResolver inner) : MetadataReferenceResolver
{
    public override bool ResolveMissingAssemblies => false;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        inner.ResolveReference(reference, baseFilePath, properties);

    public override bool Equals(object? other) => other is DirectReferenceResolver direct && direct.Inner.Equals(inner);

    public override int GetHashCode() => inner.GetHashCode();

    private MetadataReferenceResolver Inner => inner;
}
