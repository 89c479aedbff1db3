using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace ResearchKit.Kernel.Scripting.Editing;

/// <summary>Describes the symbol at the cursor for inspect_request: its signature and, when the library ships XML docs, the summary.</summary>
public static class SymbolInspector
{
    /// <summary>Plain text describing the symbol at a UTF-16 cursor, or null when the cursor is not on a symbol.</summary>
    public static string? Inspect(CSharpEvaluator evaluator, string code, int cursor)
    {
        if (code.Length == 0) return null;
        var (model, tree) = evaluator.CompileForEditing(code);
        var position = Math.Clamp(cursor, 0, code.Length);
        var token = tree.GetRoot().FindToken(Math.Max(0, position == code.Length || !char.IsLetterOrDigit(code[position]) ? position - 1 : position));
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
            if (symbol is null) continue;
            var text = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
            if (symbol is ILocalSymbol or IFieldSymbol or IPropertySymbol or IParameterSymbol)
                text = $"{Kind(symbol)} {text}: {TypeOf(symbol)?.ToDisplayString()}";
            var summary = Summary(symbol);
            return summary is null ? text : $"{text}\n\n{summary}";
        }
        return null;
    }

    private static string Kind(ISymbol symbol) => symbol switch
    {
        IFieldSymbol or ILocalSymbol => "variable",
        IPropertySymbol => "property",
        _ => "parameter",
    };

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol l => l.Type,
        IFieldSymbol f => f.Type,
        IPropertySymbol p => p.Type,
        IParameterSymbol p => p.Type,
        _ => null,
    };

    private static string? Summary(ISymbol symbol)
    {
        var xml = symbol.GetDocumentationCommentXml();
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var summary = XElement.Parse(xml).Element("summary");
            return summary is null ? null : string.Join(" ", summary.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
