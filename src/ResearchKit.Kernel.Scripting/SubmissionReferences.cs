using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Which references a cell needs, so a session binds those instead of all ~180. Roslyn's
/// <see cref="Compilation.GetUsedAssemblyReferences"/> answers with the closure of every used library's dependencies,
/// which through netstandard.dll is the whole framework; this asks the cell's own syntax instead.
/// </summary>
internal static partial class SubmissionReferences
{
    /// <summary>The library references of the types and members the last submission of a compilation names or produces.</summary>
    public static IReadOnlyList<MetadataReference> Named(Compilation compilation, CancellationToken cancellation)
    {
        var tree = compilation.SyntaxTrees.Last();
        var model = compilation.GetSemanticModel(tree);
        var assemblies = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var node in tree.GetRoot(cancellation).DescendantNodes())
        {
            if (node is not (SimpleNameSyntax or ExpressionSyntax)) continue;
            var info = model.GetSymbolInfo(node, cancellation);
            foreach (var symbol in info.CandidateSymbols.Prepend(info.Symbol)) Collect(symbol, assemblies);
            Collect(model.GetTypeInfo(node, cancellation).Type, assemblies);
        }
        return [.. assemblies.Select(compilation.GetMetadataReference).OfType<PortableExecutableReference>()];
    }

    /// <summary>
    /// References named by "you must add a reference to assembly" errors (CS0012 and kin), found among
    /// <paramref name="available"/> by assembly name.
    /// </summary>
    public static IReadOnlyList<MetadataReference> Missing(IEnumerable<Diagnostic> errors, IEnumerable<MetadataReference> available)
    {
        var names = errors.SelectMany(e => AssemblyNamed().Matches(e.GetMessage()).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Count == 0 ? [] : [.. available.Where(r => names.Contains(Path.GetFileNameWithoutExtension(r.Display ?? "")))];
    }

    private static void Collect(ISymbol? symbol, HashSet<IAssemblySymbol> assemblies)
    {
        switch (symbol)
        {
            case null or INamespaceSymbol:
                return;
            case IArrayTypeSymbol array:
                Collect(array.ElementType, assemblies);
                return;
            case INamedTypeSymbol type:
                if (type.ContainingAssembly is { } assembly && !assemblies.Add(assembly) && type.TypeArguments.IsEmpty) return;
                foreach (var argument in type.TypeArguments) Collect(argument, assemblies);
                return;
            case IMethodSymbol method:
                Collect(method.ContainingType, assemblies);
                Collect(method.ReturnType, assemblies);
                foreach (var parameter in method.Parameters) Collect(parameter.Type, assemblies);
                foreach (var argument in method.TypeArguments) Collect(argument, assemblies);
                return;
            case IPropertySymbol property:
                Collect(property.ContainingType, assemblies);
                Collect(property.Type, assemblies);
                return;
            case IFieldSymbol field:
                Collect(field.ContainingType, assemblies);
                Collect(field.Type, assemblies);
                return;
            case IEventSymbol @event:
                Collect(@event.ContainingType, assemblies);
                Collect(@event.Type, assemblies);
                return;
            case ILocalSymbol local:
                Collect(local.Type, assemblies);
                return;
            case IParameterSymbol parameter:
                Collect(parameter.Type, assemblies);
                return;
        }
    }

    [GeneratedRegex(@"reference to assembly '([^,']+)")]
    private static partial Regex AssemblyNamed();
}
