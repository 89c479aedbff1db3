using ResearchKit.Evaluation;
using ResearchKit.Search;

namespace ResearchKit.Tests.Evaluation;

/// <summary>A test collection's query is the one typed <see cref="SearchQuery"/>; the file on disk keeps its form.</summary>
public sealed class TestQueryTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Text_and_image_lines_read_as_text_and_item_queries_with_the_images_split()
    {
        var path = Path.Combine(_dir.Path, "q.jsonl");
        File.WriteAllText(path,
            "{\"gallery\":\"heldout\",\"text\":\"red apple\",\"relevant\":[\"t/1\"]}\n" +
            "{\"gallery\":\"train\",\"image\":\"t/9\",\"image_split\":\"heldout\",\"relevant\":[\"n/9\"]}\n" +
            "{\"gallery\":\"train\",\"image\":\"n/3\",\"relevant\":[\"n/4\"]}\n");

        var queries = TestQueryFile.Read(path);

        Assert.Equal(new TextQuery("red apple"), queries[0].Query);
        Assert.True(queries[0].IsText);
        Assert.False(queries[0].QueriesOwnGallery);
        Assert.Equal((new ItemQuery("t/9") as SearchQuery, "heldout", false), (queries[1].Query, queries[1].ImageSplit, queries[1].QueriesOwnGallery));
        Assert.Equal((new ItemQuery("n/3") as SearchQuery, (string?)null, true), (queries[2].Query, queries[2].ImageSplit, queries[2].QueriesOwnGallery));
    }

    [Fact]
    public void A_text_query_with_an_image_split_is_refused_where_it_is_built_in_either_order()
    {
        Assert.Equal("ImageSplit", Assert.Throws<ArgumentException>(() =>
            new TestQuery { Gallery = "g", Query = new TextQuery("cat"), ImageSplit = "other", Relevant = ["a"] }).ParamName);
        Assert.Equal("Query", Assert.Throws<ArgumentException>(() =>
            new TestQuery { Gallery = "g", ImageSplit = "other", Query = new TextQuery("cat"), Relevant = ["a"] }).ParamName);
        var image = new TestQuery { Gallery = "g", Query = new ItemQuery("x"), ImageSplit = "other", Relevant = ["a"] };
        Assert.Throws<ArgumentException>(() => image with { Query = new TextQuery("cat") });
        Assert.Throws<ArgumentException>(() => image with { ImageSplit = "" });
    }

    [Fact]
    public void Files_keep_reading_as_before_and_a_blank_split_names_its_line()
    {
        // image_split on a text line never meant anything and was ignored; files that carry one still read.
        var old = Path.Combine(_dir.Path, "old.jsonl");
        File.WriteAllText(old, "{\"gallery\":\"g\",\"text\":\"cat\",\"image_split\":\"x\",\"relevant\":[\"a\"]}\n");
        Assert.Equal(new TextQuery("cat"), Assert.Single(TestQueryFile.Read(old)).Query);

        var blank = Path.Combine(_dir.Path, "blank.jsonl");
        File.WriteAllText(blank, "{\"gallery\":\"g\",\"text\":\"cat\",\"relevant\":[\"a\"]}\n{\"gallery\":\"g\",\"image\":\"x\",\"image_split\":\" \",\"relevant\":[\"a\"]}\n");
        var error = Assert.Throws<TestCollectionException>(() => TestQueryFile.Read(blank));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("image split is blank", error.Message);
    }
}
