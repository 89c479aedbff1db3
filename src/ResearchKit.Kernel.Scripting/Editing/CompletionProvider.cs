using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResearchKit.Kernel.Scripting.Editing;

/// <summary>
/// Completion from Roslyn's semantic model of the cell in its session: after a dot, the members of the expression's
/// type (extension methods included) or of a namespace/type; elsewhere, every name in scope — variables of earlier cells too.
/// </summary>
public static class CompletionProvider
{
    /// <summary>Candidates for the identifier being typed at a UTF-16 cursor.</summary>
    public static CompletionList Complete(CSharpEvaluator evaluator, string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var (model, tree) = evaluator.CompileForEditing(code);
        IEnumerable<ISymbol> symbols;
        if (start > 0 && code[start - 1] == '.')
        {
            var dot = tree.GetRoot().FindToken(start - 1);
            var left = dot.Parent switch
            {
                MemberAccessExpressionSyntax access => (SyntaxNode)access.Expression,
                QualifiedNameSyntax qualified => qualified.Left,
                _ => null,
            };
            symbols = left is null ? [] : Members(model, left, start);
        }
        else
        {
            symbols = model.LookupSymbols(start);
        }
        var matches = symbols
            .Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => s.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        return new CompletionList(matches, start, cursor);
    }

    private static IEnumerable<ISymbol> Members(SemanticModel model, SyntaxNode left, int position)
    {
        var symbol = model.GetSymbolInfo(left).Symbol;
        if (symbol is INamespaceSymbol ns) return ns.GetMembers();
        if (symbol is ITypeSymbol staticType) return model.LookupStaticMembers(position, staticType);
        var type = model.GetTypeInfo(left).Type;
        return type is null ? [] : model.LookupSymbols(position, type, includeReducedExtensionMethods: true).Where(s => !s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension });
    }
}
