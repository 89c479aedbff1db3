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

    [Theory]
    [InlineData("1 + 1", "complete")]
    [InlineData("for (var i = 0; i < 3; i++) {", "incomplete")]
    [InlineData("var x = ", "incomplete")]
    [InlineData("var x = 1;", "complete")]
    [InlineData("var = ;", "invalid")]
    public void Is_complete_follows_the_parser(string code, string expected) => Assert.Equal(expected, SubmissionCompleteness.Check(code));
}
