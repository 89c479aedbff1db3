using ResearchKit.Evaluation;
using ResearchKit.Search;
using ResearchKit.Tests.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class SyntheticJudgmentsTests(IndexedDatasetFixture fixture) : IClassFixture<IndexedDatasetFixture>
{
    [Fact]
    public void Known_relevant_items_are_judged_1_and_the_best_ranked_others_0()
    {
        using var engine = SearchEngine.Open(fixture.Dataset);
        var ids = engine.Items.Select(i => i.Id).ToArray();
        var relevant = ids.Take(2).ToArray();
        var query = new TestQuery { Gallery = "train", Query = new TextQuery("a cup of coffee"), Relevant = [relevant[0], relevant[1], relevant[0]] };

        var judgments = SyntheticJudgments.WithHardNegatives(engine, "siglip", [query], hardNegatives: 3, randomNegatives: 4, seed: 7);

        Assert.All(judgments, j => Assert.Equal(("a cup of coffee", "synthetic"), (j.Query, j.Judge)));
        Assert.Equal(relevant, judgments.Where(j => j.Relevance == 1).Select(j => j.Item));
        var negatives = judgments.Where(j => j.Relevance == 0).Select(j => j.Item).ToList();
        // The engine's three best hits that are not relevant come first, in rank order; random ones never repeat.
        var ranked = engine.SearchText("a cup of coffee", new SearchOptions { Target = "siglip", TopK = ids.Length }).Results
            .Select(r => r.Id).Where(id => !relevant.Contains(id)).Take(3);
        Assert.Equal(ranked, negatives.Take(3));
        Assert.InRange(negatives.Count, 3, 7);
        Assert.Equal(negatives.Count, negatives.Distinct().Count());
        Assert.DoesNotContain(negatives, relevant.Contains);
        // Seeded: the same call gives the same judgments.
        Assert.Equal(judgments, SyntheticJudgments.WithHardNegatives(engine, "siglip", [query], hardNegatives: 3, randomNegatives: 4, seed: 7));
    }

    [Fact]
    public void An_image_query_is_refused_by_name()
    {
        using var engine = SearchEngine.Open(fixture.Dataset);
        var query = new TestQuery { Gallery = "train", Query = new ItemQuery("photo_coffee"), Relevant = ["x"] };
        var error = Assert.Throws<ArgumentException>(() => SyntheticJudgments.WithHardNegatives(engine, "siglip", [query]));
        Assert.Contains("photo_coffee", error.Message);
    }
}
