using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

public sealed class HybridBlendTests
{
    private static readonly SpaceWeight[] Two = [new("siglip", 0.7), new("dinov2", 0.3)];

    [Fact]
    public void A_blend_is_checked_where_it_is_built()
    {
        Assert.Contains("at least one space", Assert.Throws<ArgumentException>(() => new HybridBlend([])).Message);
        Assert.Contains("'siglip' is named twice", Assert.Throws<ArgumentException>(() => new HybridBlend([new("siglip", 0.5), new("siglip", 0.5)])).Message);
        Assert.Contains("'dinov2'", Assert.Throws<ArgumentException>(() => new HybridBlend([new("siglip", 1), new("dinov2", -0.1)])).Message);
        Assert.Throws<ArgumentException>(() => new HybridBlend([new("siglip", double.NaN)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HybridBlend(Two) { Depth = 0 });
        // A copy with other values is checked too.
        Assert.Throws<ArgumentException>(() => new HybridBlend(Two) with { Weights = [] });
    }

    [Fact]
    public void Blends_are_equal_by_value_and_the_heaviest_space_is_primary()
    {
        var blend = new HybridBlend(Two) { Normalization = ScoreNormalization.Rank, Depth = 40 };
        Assert.Equal(blend, new HybridBlend([.. Two]) { Normalization = ScoreNormalization.Rank, Depth = 40 });
        Assert.NotEqual(blend, blend with { Normalization = ScoreNormalization.ZScore });
        Assert.NotEqual(blend, blend with { Weights = [new("siglip", 0.6), new("dinov2", 0.4)] });
        Assert.Equal("siglip", blend.Primary);
        Assert.Equal("dinov2", new HybridBlend([new("siglip", 0.5), new("dinov2", 0.5), new("eva", 0)]) { Weights = [new("siglip", 0.2), new("dinov2", 0.8)] }.Primary);
    }
}
