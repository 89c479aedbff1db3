using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class QueryFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Text_and_image_lines_become_text_and_item_queries_with_unit_relevance()
    {
        var path = Path.Combine(_dir.Path, "q.jsonl");
        File.WriteAllText(path, "{\"gallery\":\"heldout\",\"text\":\"cat face\",\"relevant\":[\"t/1\",\"t/2\"]}\n\n{\"image\":\"t/9\",\"image_split\":\"heldout\",\"relevant\":[\"n/9\"]}\n");

        var queries = QueryFile.Read(path);

        Assert.Equal(2, queries.Count);
        Assert.Equal("cat face", queries[0].Query);
        Assert.False(queries[0].IsItemQuery);
        Assert.Equal(new Dictionary<string, double> { ["t/1"] = 1, ["t/2"] = 1 }, queries[0].Relevance);
        Assert.True(queries[1].IsItemQuery);
        Assert.Equal("t/9", queries[1].ItemId);
    }

    [Theory]
    [InlineData("{\"relevant\":[\"a\"]}", "needs a \"text\"")]
    [InlineData("{\"text\":\"x\",\"relevant\":[]}", "non-empty list")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{text", "not a JSON object")]
    public void Bad_lines_are_reported_with_file_and_line_number(string line, string expected)
    {
        var path = Path.Combine(_dir.Path, "bad.jsonl");
        File.WriteAllText(path, "{\"text\":\"ok\",\"relevant\":[\"a\"]}\n" + line + "\n");

        var error = Assert.Throws<FormatException>(() => QueryFile.Read(path));

        Assert.Contains(path + ":2", error.Message);
        Assert.Contains(expected, error.Message);
    }
}
