using CsCheck;
using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

public sealed class SearchQueryTests(IndexedDatasetFixture fixture) : IClassFixture<IndexedDatasetFixture>
{
    [Fact]
    public void A_judgment_key_is_an_item_query_only_with_the_id_prefix()
    {
        Assert.Equal(new ItemQuery("photo_coffee.jpg"), SearchQuery.Parse("id:photo_coffee.jpg"));
        Assert.Equal(new TextQuery("a cup of coffee"), SearchQuery.Parse("a cup of coffee"));
        Assert.Equal(new TextQuery("ID:x"), SearchQuery.Parse("ID:x"));
        Assert.Equal("id:photo_coffee.jpg", new ItemQuery("photo_coffee.jpg").ToString());
    }

    [Fact]
    public void Every_item_query_and_every_text_without_the_prefix_survives_its_key() =>
        Gen.String.Sample(s =>
        {
            Assert.Equal(new ItemQuery(s), SearchQuery.Parse(new ItemQuery(s).Key));
            if (!s.StartsWith("id:", StringComparison.Ordinal)) Assert.Equal(new TextQuery(s), SearchQuery.Parse(new TextQuery(s).Key));
        });

    [Fact]
    public void The_engine_searches_a_text_query_by_text_and_an_item_query_by_example()
    {
        using var engine = SearchEngine.Open(fixture.Dataset);
        var options = new SearchOptions { Target = "siglip", TopK = 5 };
        Assert.Equal(Ids(engine.SearchText("a cup of coffee", options)), Ids(engine.Search(new TextQuery("a cup of coffee"), options)));
        Assert.Equal(Ids(engine.SearchSimilar("photo_coffee.jpg", options)), Ids(engine.Search(new ItemQuery("photo_coffee.jpg"), options)));
        Assert.DoesNotContain("photo_coffee.jpg", Ids(engine.Search(new ItemQuery("photo_coffee.jpg"), options)));
    }

    [Fact]
    public void A_text_query_has_no_item()
    {
        var query = new ResearchKit.Tuning.TuningQuery(new TextQuery("a red apple"), new Dictionary<string, double>());
        Assert.False(query.IsItemQuery);
        Assert.Contains("a red apple", Assert.Throws<InvalidOperationException>(() => query.ItemId).Message);
    }

    private static string[] Ids(SearchResponse response) => [.. response.Results.Select(r => r.Id)];
}
