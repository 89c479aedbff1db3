using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResearchKit.Kernel.Scripting.Editing;

/// <summary>
/// Describes the symbol at the cursor for inspect_request (Shift-Tab): every accessible overload of a method with its
/// parameter names, and the doc comments the library ships (summary, parameters, returns), references kept as text.
/// </summary>
public static class SymbolInspector
{
    /// <summary>Overloads listed before the rest are summarised.</summary>
    public const int MaxOverloads = 12;

    /// <summary>"RgbaImage ImageDecoder.Decode(string path, ImageLoadOptions? options = null)": short type names, parameter names.</summary>
    private static readonly SymbolDisplayFormat Signature = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeParameters | SymbolDisplayMemberOptions.IncludeType
                       | SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeRef,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeName
                          | SymbolDisplayParameterOptions.IncludeDefaultValue | SymbolDisplayParameterOptions.IncludeParamsRefOut
                          | SymbolDisplayParameterOptions.IncludeExtensionThis,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
                              | SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Plain text describing the symbol at a UTF-16 cursor, or null when the cursor is not on a symbol.</summary>
    public static string? Inspect(CSharpEvaluator evaluator, string code, int cursor)
    {
        if (code.Trim().Length == 0) return null;
        var (model, tree) = evaluator.CompileForEditing(code);
        var position = Math.Clamp(cursor, 0, code.Length);
        var token = tree.GetRoot().FindToken(Math.Max(0, position == code.Length || !char.IsLetterOrDigit(code[position]) ? position - 1 : position));
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
            if (symbol is null) continue;
            if (symbol is IMethodSymbol method && method.MethodKind is MethodKind.Ordinary or MethodKind.ReducedExtension or MethodKind.Constructor)
                return DescribeOverloads(Overloads(model, node, method), model, node.SpanStart);
            return Describe(symbol);
        }
        return null;
    }

    /// <summary>The method and its accessible siblings of the same name (extension methods included for <c>x.Name</c>), it first.</summary>
    private static List<IMethodSymbol> Overloads(SemanticModel model, SyntaxNode node, IMethodSymbol method)
    {
        var position = node.SpanStart;
        IEnumerable<ISymbol> found = method.MethodKind == MethodKind.Constructor
            ? method.ContainingType.Constructors
            : node is MemberAccessExpressionSyntax access && model.GetTypeInfo(access.Expression).Type is { } receiver
                ? model.LookupSymbols(position, receiver, method.Name, includeReducedExtensionMethods: true)
                : method.ContainingType.GetMembers(method.Name);
        var overloads = found.OfType<IMethodSymbol>().Where(m => model.IsAccessible(position, m)).ToList();
        var first = overloads.FirstOrDefault(m => SymbolEqualityComparer.Default.Equals(m.OriginalDefinition, method.OriginalDefinition)) ?? method;
        overloads.Remove(first);
        overloads.Insert(0, first);
        return overloads.DistinctBy(m => m.ToDisplayString(Signature)).ToList();
    }

    private static string DescribeOverloads(IReadOnlyList<IMethodSymbol> overloads, SemanticModel model, int position)
    {
        var text = new StringBuilder();
        if (overloads.Count > 1) text.Append(overloads.Count).Append(" overloads\n\n");
        foreach (var method in overloads.Take(MaxOverloads))
        {
            if (text.Length > 0 && !text.ToString().EndsWith("\n\n", StringComparison.Ordinal)) text.Append("\n\n");
            text.Append(Describe(method));
        }
        if (overloads.Count > MaxOverloads) text.Append($"\n\n… and {overloads.Count - MaxOverloads} more overloads");
        return text.ToString();
    }

    private static string Describe(ISymbol symbol)
    {
        var text = new StringBuilder(symbol switch
        {
            ILocalSymbol or IFieldSymbol => $"variable {symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}: {TypeOf(symbol)?.ToDisplayString()}",
            IPropertySymbol => $"property {symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}: {TypeOf(symbol)?.ToDisplayString()}",
            IParameterSymbol => $"parameter {symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}: {TypeOf(symbol)?.ToDisplayString()}",
            _ => symbol.ToDisplayString(Signature),
        });
        if (DocumentationText.Parse(Documentation(symbol)) is { } doc) text.Append('\n').Append(doc.Describe());
        return text.ToString();
    }

    /// <summary>The symbol's doc comment XML; a reduced extension method's comes from its static definition.</summary>
    private static string? Documentation(ISymbol symbol) =>
        (symbol is IMethodSymbol { ReducedFrom: { } definition } ? definition : symbol.OriginalDefinition).GetDocumentationCommentXml();

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol l => l.Type,
        IFieldSymbol f => f.Type,
        IPropertySymbol p => p.Type,
        IParameterSymbol p => p.Type,
        _ => null,
    };
}
