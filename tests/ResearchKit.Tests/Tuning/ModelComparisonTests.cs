using ResearchKit.Search;
using ResearchKit.Tests.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class ModelComparisonTests : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly SearchEngine _engine;

    public ModelComparisonTests(IndexedDatasetFixture data) => _engine = SearchEngine.Open(data.Dataset);

    public void Dispose() => _engine.Dispose();

    private static readonly TuningQuery[] Queries =
    [
        new(new TextQuery("a cup of coffee"), new Dictionary<string, double> { ["photo_coffee.jpg"] = 1 }),
        new(new TextQuery("a red apple"), new Dictionary<string, double> { ["emoji_1f34e.png"] = 1, ["gradient.png"] = 1 }),
        new(new ItemQuery("emoji_1f305.png"), new Dictionary<string, double> { ["emoji_1f3e0.png"] = 1 }),
        new(new ItemQuery("photo_astronaut.jpg"), new Dictionary<string, double> { ["photo_coffee.jpg"] = 1, ["exif_rotated.jpg"] = 1 }),
    ];

    [Fact]
    public void Scores_equal_the_metrics_computed_by_hand_and_text_queries_are_skipped_for_image_only_models()
    {
        var result = ModelComparison.Compare(_engine, ["siglip", "dinov2"], Queries, k: 3);

        var siglip = result.Models.Single(m => m.Space == "siglip");
        var dinov2 = result.Models.Single(m => m.Space == "dinov2");
        Assert.Equal(4, siglip.QueriesAnswered);
        Assert.Equal(2, dinov2.QueriesAnswered);

        var byHand = Queries.Select(q =>
        {
            var options = new SearchOptions { Target = "siglip", TopK = 3 };
            var response = q.Query is ItemQuery item ? _engine.SearchSimilar(item.ItemId, options) : _engine.SearchText(((TextQuery)q.Query).Text, options);
            return RankingMetrics.RecallAtK([.. response.Results.Select(r => r.Id)], q.Relevance, 3);
        }).Average();
        Assert.Equal(byHand, siglip.Recall.MeanDifference, 12);
        Assert.InRange(siglip.Recall.MeanDifference, siglip.Recall.Low, siglip.Recall.High);
        Assert.All(result.Queries.Take(2), q => Assert.False(q.NdcgBySpace.ContainsKey("dinov2")));

        foreach (var (query, margin) in result.WinsAndLosses("siglip", "dinov2"))
        {
            var outcome = result.Queries.Single(q => q.Query == query);
            Assert.Equal(outcome.NdcgBySpace["siglip"] - outcome.NdcgBySpace["dinov2"], margin, 12);
        }
    }

    [Fact]
    public void Neighbour_overlap_is_one_with_itself_and_a_share_between_models()
    {
        Assert.Equal(1.0, ModelComparison.NeighbourOverlap(_engine, "siglip", "siglip", k: 3), 12);
        var across = ModelComparison.NeighbourOverlap(_engine, "siglip", "dinov2", k: 3);
        Assert.InRange(across, 0, 1);
        var manual = _engine.Items.Select(i => i.Id).Average(id =>
            _engine.SearchSimilar(id, new SearchOptions { Target = "siglip", TopK = 3 }).Results.Select(r => r.Id)
                .Intersect(_engine.SearchSimilar(id, new SearchOptions { Target = "dinov2", TopK = 3 }).Results.Select(r => r.Id)).Count() / 3.0);
        Assert.Equal(manual, across, 12);
    }

    [Fact]
    public void An_empty_space_list_is_refused_with_the_available_spaces()
    {
        var error = Assert.Throws<ArgumentException>(() => ModelComparison.Compare(_engine, [], Queries));
        Assert.Contains("siglip", error.Message);
    }
}
