using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ResearchKit.Kernel.Scripting;

namespace ResearchKit.Kernel.Tests.Scripting;

public sealed class SubmissionReferencesTests
{
    private static MetadataReference Of<T>() => MetadataReference.CreateFromFile(typeof(T).Assembly.Location);

    private static readonly MetadataReference Runtime =
        MetadataReference.CreateFromFile(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "System.Runtime.dll"));

    [Fact]
    public void Names_the_libraries_of_the_types_and_members_a_submission_uses()
    {
        var compilation = CSharpCompilation.Create("cell",
            [CSharpSyntaxTree.ParseText("class C { object M() => System.Text.Json.JsonSerializer.SerializeToNode(new System.Collections.Generic.List<int>()); }")],
            [Of<object>(), Runtime, Of<System.Text.Json.JsonSerializerOptions>(), Of<System.Text.Json.Nodes.JsonNode>(), Of<List<int>>()]);
        var named = SubmissionReferences.Named(compilation, CancellationToken.None).Select(r => Path.GetFileName(r.Display)).ToList();
        Assert.Contains("System.Text.Json.dll", named);
        Assert.Contains("System.Private.CoreLib.dll", named);
        Assert.DoesNotContain("System.Runtime.dll", named);
    }

    [Fact]
    public void Finds_the_library_an_error_says_to_reference()
    {
        // InterruptionInjector.Visit comes from Roslyn's CSharpSyntaxRewriter: without Microsoft.CodeAnalysis.CSharp, CS0012.
        var compilation = CSharpCompilation.Create("cell",
            [CSharpSyntaxTree.ParseText("class C { object M() => new ResearchKit.Kernel.Scripting.InterruptionInjector().Visit(null); }")],
            [Of<object>(), Runtime, Of<InterruptionInjector>()], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, e => e.Id == "CS0012");
        var missing = SubmissionReferences.Missing(errors, [Of<Microsoft.CodeAnalysis.CSharp.CSharpSyntaxRewriter>(), Of<SyntaxNode>(), Of<System.Text.Json.JsonSerializerOptions>()]);
        Assert.Contains(missing, r => Path.GetFileName(r.Display) == "Microsoft.CodeAnalysis.CSharp.dll");
        Assert.DoesNotContain(missing, r => Path.GetFileName(r.Display) == "System.Text.Json.dll");
    }
}
