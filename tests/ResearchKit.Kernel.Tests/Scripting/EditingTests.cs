using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.Editing;

namespace ResearchKit.Kernel.Tests.Scripting;

public sealed class EditingTests
{
    private readonly CSharpEvaluator _evaluator = new();

    [Fact]
    public async Task Completes_members_after_a_dot_and_names_from_earlier_cells()
    {
        await EvaluatorFixture.Run(_evaluator, "var myWords = new List<string>();");
        var members = CompletionProvider.Complete(_evaluator, "myWords.Co", 10);
        Assert.Contains("Count", members.Matches);
        Assert.Contains("Contains", members.Matches);
        Assert.Equal((8, 10), (members.Start, members.End));
        var names = CompletionProvider.Complete(_evaluator, "myW", 3);
        Assert.Contains("myWords", names.Matches);
        var statics = CompletionProvider.Complete(_evaluator, "Math.Sq", 7);
        Assert.Contains("Sqrt", statics.Matches);
        var linq = CompletionProvider.Complete(_evaluator, "myWords.Whe", 11);
        Assert.Contains("Where", linq.Matches);
    }

    [Fact]
    public void Inspect_shows_the_signature_and_the_doc_comment()
    {
        var text = SymbolInspector.Inspect(_evaluator, "ImageDecoder.Decode", 15);
        Assert.NotNull(text);
        Assert.Contains("ImageDecoder.Decode(", text);
        Assert.Null(SymbolInspector.Inspect(_evaluator, "   ", 1));
        var summary = SymbolInspector.Inspect(_evaluator, "RankedItem.BestFirst", 13);
        Assert.Contains("Score descending", summary);
    }

    [Fact]
    public async Task Inspect_lists_every_overload_with_parameter_names_and_docs()
    {
        var decode = SymbolInspector.Inspect(_evaluator, "ImageDecoder.Decode", 15)!;
        Assert.Contains("2 overloads", decode);
        Assert.Contains("ImageDecoder.Decode(string path, ImageLoadOptions? options = null)", decode);
        Assert.Contains("ImageDecoder.Decode(ReadOnlySpan<byte> encoded, string sourceName", decode);
        // <paramref name="path"/> and <paramref name="size"/> are words of the sentence, not gaps.
        var png = SymbolInspector.Inspect(_evaluator, "Thumbnail.Png(\"a.png\")", 12)!;
        Assert.Contains("PNG bytes of the image at path, its longest side scaled down to size", png);
        await EvaluatorFixture.Run(_evaluator, "/// <summary>Doubles <paramref name=\"x\"/>.</summary>\n/// <param name=\"x\">What to double.</param>\nint Twice(int x) => 2 * x;\ndouble Twice(double x) => 2 * x;");
        var mine = SymbolInspector.Inspect(_evaluator, "Twice(1)", 2)!;
        Assert.Contains("Twice(int x)", mine);
        Assert.Contains("Twice(double x)", mine);
    }

    [Fact]
    public void Doc_comments_keep_references_and_sections()
    {
        var doc = DocumentationText.Parse("<member name=\"M:A.F(System.Int32)\"><summary>Scales <paramref name=\"n\"/> by <see cref=\"T:System.Math\"/> or <see langword=\"null\"/>; <c>F(2)</c> is 4.</summary>"
            + "<param name=\"n\">The <b>count</b>.</param><returns>Twice <paramref name=\"n\"/>.</returns></member>")!;
        Assert.Equal("Scales n by Math or null; F(2) is 4.", doc.Summary);
        Assert.Equal(("n", "The count."), doc.Parameters.Single());
        Assert.Equal("Twice n.", doc.Returns);
        Assert.Equal("Scales n by Math or null; F(2) is 4.\n  n: The count.\n  returns: Twice n.", doc.Describe());
    }

    [Theory]
    [InlineData("1 + 1", "complete")]
    [InlineData("for (var i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("var x = ", "incomplete")]
    [InlineData("var x = 1;", "complete")]
    [InlineData("var = ;", "invalid")]
    public void Is_complete_follows_the_parser(string code, string expected) => Assert.Equal(expected, SubmissionCompleteness.Check(code));
}
