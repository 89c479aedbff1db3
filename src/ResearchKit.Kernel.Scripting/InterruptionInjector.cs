using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Rewrites a submission so every loop body and every method or local-function body starts with
/// <see cref="CellInterruption.Check"/>. The check is inserted on the same line, so line numbers in errors stay right.
/// <c>Thread.Sleep</c> written in the cell becomes <see cref="CellInterruption.Sleep(int)"/>; other blocking calls
/// (synchronous I/O, native code) still cannot be interrupted until they return.
/// </summary>
public sealed class InterruptionInjector : CSharpSyntaxRewriter
{
    private static readonly StatementSyntax CheckStatement =
        SyntaxFactory.ParseStatement("global::ResearchKit.Kernel.Scripting.CellInterruption.Check();");

    private static readonly ExpressionSyntax SleepCallee =
        SyntaxFactory.ParseExpression("global::ResearchKit.Kernel.Scripting.CellInterruption.Sleep");

    /// <summary>The rewritten source of a script submission.</summary>
    public static string Rewrite(string code, CSharpParseOptions options)
    {
        var tree = CSharpSyntaxTree.ParseText(code, options);
        return new InterruptionInjector().Visit(tree.GetRoot()).ToFullString();
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        var callee = visited.Expression.WithoutTrivia().ToString().Replace(" ", "", StringComparison.Ordinal);
        return callee is "Thread.Sleep" or "System.Threading.Thread.Sleep" or "global::System.Threading.Thread.Sleep"
            ? visited.WithExpression(SleepCallee.WithTriviaFrom(visited.Expression))
            : visited;
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Guard(visited.Statement));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return visited.Body is null ? visited : visited.WithBody((BlockSyntax)Guard(visited.Body));
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return visited.Body is null ? visited : visited.WithBody((BlockSyntax)Guard(visited.Body));
    }

    private static StatementSyntax Guard(StatementSyntax body) => body is BlockSyntax block
        ? block.WithStatements(block.Statements.Insert(0, CheckStatement))
        : SyntaxFactory.Block(CheckStatement, body);
}
