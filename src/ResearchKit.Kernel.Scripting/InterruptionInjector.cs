using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResearchKit.Kernel.Scripting;

/// <summary>
/// Rewrites a submission so every loop body and every method or local-function body (expression-bodied ones become
/// blocks) starts with <see cref="CellInterruption.Check"/>, which also stops runaway recursion before the stack
/// overflows. The check is inserted on the same line, so line numbers in errors stay right.
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
        if (visited.Body is { } body) return visited.WithBody((BlockSyntax)Guard(body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        var block = GuardArrow(arrow, visited.SemicolonToken, ReturnsValue(visited.ReturnType, visited.Modifiers));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (visited.Body is { } body) return visited.WithBody((BlockSyntax)Guard(body));
        if (visited.ExpressionBody is not { } arrow) return visited;
        var block = GuardArrow(arrow, visited.SemicolonToken, ReturnsValue(visited.ReturnType, visited.Modifiers));
        return visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
    }

    /// <summary><c>=> expr;</c> as <c>{ Check(); return expr; }</c> (or <c>expr;</c> when nothing is returned), on the same lines.</summary>
    private static BlockSyntax GuardArrow(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returnsValue)
    {
        var expression = arrow.Expression.WithoutTrivia();
        StatementSyntax statement = returnsValue
            ? SyntaxFactory.ReturnStatement(expression.WithLeadingTrivia(SyntaxFactory.Space))
            : SyntaxFactory.ExpressionStatement(expression);
        return SyntaxFactory.Block(CheckStatement, statement)
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(arrow.GetLeadingTrivia()))
            .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(semicolon.TrailingTrivia));
    }

    /// <summary>False for void, and for async methods returning a non-generic Task or ValueTask.</summary>
    private static bool ReturnsValue(TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (returnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)) return false;
        if (!modifiers.Any(SyntaxKind.AsyncKeyword)) return true;
        var name = returnType.ToString();
        return name is not ("Task" or "ValueTask" or "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask");
    }

    private static StatementSyntax Guard(StatementSyntax body) => body is BlockSyntax block
        ? block.WithStatements(block.Statements.Insert(0, CheckStatement))
        : SyntaxFactory.Block(CheckStatement, body);
}
