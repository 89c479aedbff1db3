using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

public sealed class QueryTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" \t\n")]
    [InlineData(null)]
    public void Empty_query_says_to_type_something(string? query)
    {
        var e = Assert.Throws<InvalidQueryException>(() => QueryText.Validate(query));
        Assert.Contains("empty", e.Message);
    }

    [Theory]
    [InlineData("the")]
    [InlineData("The Of  a")]
    [InlineData("it's what it is")]
    public void Stopword_only_query_asks_for_a_content_word(string query)
    {
        var e = Assert.Throws<InvalidQueryException>(() => QueryText.Validate(query));
        Assert.Equal(query, e.Query);
        Assert.Contains("stopwords", e.Message);
        Assert.Contains("content word", e.Message);
    }

    [Fact]
    public void Punctuation_only_query_is_rejected()
    {
        Assert.Throws<InvalidQueryException>(() => QueryText.Validate("?!"));
    }

    [Theory]
    [InlineData("dog")]
    [InlineData("the dog")]
    [InlineData("a photo of 2 cats")]
    public void Queries_with_a_content_word_pass(string query)
    {
        QueryText.Validate(query);
    }

    [Fact]
    public void Words_keep_inner_apostrophes_and_hyphens()
    {
        Assert.Equal(["the", "dog's", "well-known", "ball", "42"], QueryText.Words("the dog's well-known ball, 42!"));
        Assert.True(Stopwords.IsStopword("THE"));
        Assert.False(Stopwords.IsStopword("dog"));
    }
}
