using Microsoft.CodeAnalysis.CSharp;

namespace ResearchKit.Kernel.Scripting.Editing;

/// <summary>Answers is_complete_request: can this text run as it is, or does the user still need to type (an open brace, a dangling operator)?</summary>
public static class SubmissionCompleteness
{
    /// <summary>"complete", "incomplete" or "invalid".</summary>
    public static string Check(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, ScriptEnvironment.ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree)) return "incomplete";
        return tree.GetDiagnostics().Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error) ? "invalid" : "complete";
    }
}
