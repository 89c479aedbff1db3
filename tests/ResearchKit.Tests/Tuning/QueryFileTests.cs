using ResearchKit.Evaluation;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class QueryFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Text_and_same_split_image_lines_become_tuning_queries_and_cross_split_images_are_left_out()
    {
        var path = Path.Combine(_dir.Path, "q.jsonl");
        File.WriteAllText(path,
            "{\"gallery\":\"heldout\",\"text\":\"cat face\",\"relevant\":[\"t/1\",\"t/2\"]}\n\n" +
            "{\"gallery\":\"heldout\",\"image\":\"t/9\",\"relevant\":[\"t/8\"]}\n" +
            "{\"gallery\":\"train\",\"image\":\"t/9\",\"image_split\":\"heldout\",\"relevant\":[\"n/9\"]}\n");

        var queries = QueryFile.Read(path);

        Assert.Equal(2, queries.Count);
        Assert.Equal(new TextQuery("cat face"), queries[0].Query);
        Assert.False(queries[0].IsItemQuery);
        Assert.Equal(new Dictionary<string, double> { ["t/1"] = 1, ["t/2"] = 1 }, queries[0].Relevance);
        Assert.True(queries[1].IsItemQuery);
        Assert.Equal(new ItemQuery("t/9"), queries[1].Query);
        Assert.Equal("t/9", queries[1].ItemId);
        Assert.Equal(["t/8"], queries[1].Relevance.Keys);
    }

    [Fact]
    public void A_bad_line_is_reported_with_its_number()
    {
        var path = Path.Combine(_dir.Path, "bad.jsonl");
        File.WriteAllText(path, "{\"gallery\":\"g\",\"text\":\"ok\",\"relevant\":[\"a\"]}\n{\"gallery\":\"g\",\"text\":\"x\",\"relevant\":[]}\n");

        var error = Assert.Throws<TestCollectionException>(() => QueryFile.Read(path));

        Assert.Contains("line 2", error.Message);
    }
}
