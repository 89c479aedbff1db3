using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

/// <summary>Weight grids only build candidates a search can run: crops within one space, blends without re-rankers.</summary>
public sealed class WeightGridTests
{
    [Fact]
    public void A_crop_grid_re_ranks_the_baselines_space_and_refuses_a_blended_baseline()
    {
        var grid = WeightSearch.CropGrid(new SearchOptions { Target = "siglip", TopK = 7 }, [0.3], [2, 3], [20]);

        Assert.Equal(3, grid.Count);
        var targets = grid.Select(c => Assert.IsType<SingleSpace>(c.Options.Target)).ToList();
        Assert.All(targets, t => Assert.Equal("siglip", t.Space));
        Assert.Null(targets[0].Crops);
        Assert.Equal([2, 3], targets.Skip(1).Select(t => t.Crops!.EffectiveLayout.Grid));
        Assert.All(grid, c => Assert.Equal(7, c.Options.TopK));

        var blended = new SearchOptions { Target = new HybridBlend([new("siglip", 0.5), new("dinov2", 0.5)]) };
        Assert.Contains("one space", Assert.Throws<ArgumentException>(() => WeightSearch.CropGrid(blended, [0.3], [2], [20])).Message);
    }

    [Fact]
    public void A_hybrid_grid_keeps_the_baselines_re_rankers_only_for_the_single_space_point()
    {
        var crops = new CropRerankOptions(RecallDepth: 12);
        var baseline = new SearchOptions { Target = new SingleSpace("siglip") { Crops = crops } };

        var grid = WeightSearch.HybridGrid(baseline, "siglip", "dinov2", [0.6, 1.0], ScoreNormalization.Rank);

        Assert.Equal(new SingleSpace("siglip") { Crops = crops }, grid[0].Options.Target);
        var blend = Assert.IsType<HybridBlend>(grid[1].Options.Target);
        Assert.Equal([("siglip", 0.6), ("dinov2", 0.4)], blend.Weights.Select(w => (w.Space, Math.Round(w.Weight, 9))));
        Assert.Equal(ScoreNormalization.Rank, blend.Normalization);
    }
}
