using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

public sealed class DistanceRerankTests
{
    [Fact]
    public void A_rerank_is_checked_where_it_is_built()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new DistanceRerank([])).Message);
        Assert.Contains("weight 1 is NaN", Assert.Throws<ArgumentException>(() => new DistanceRerank([1f, float.NaN])).Message);
        Assert.Throws<ArgumentException>(() => new DistanceRerank([1f, float.PositiveInfinity]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DistanceRerank([1f]) { RecallDepth = 0 });
        Assert.Throws<ArgumentException>(() => new DistanceRerank([1f]) with { Weights = [] });
        Assert.Equal(DistanceRerank.DefaultRecallDepth, new DistanceRerank([1f]).RecallDepth);
    }

    [Fact]
    public void Reranks_are_equal_by_value()
    {
        var rerank = new DistanceRerank([0.5f, 2f]) { RecallDepth = 8 };
        Assert.Equal(rerank, new DistanceRerank([0.5f, 2f]) { RecallDepth = 8 });
        Assert.NotEqual(rerank, rerank with { RecallDepth = 9 });
        Assert.NotEqual(rerank, new DistanceRerank([0.5f, 3f]) { RecallDepth = 8 });
    }
}
