using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

/// <summary>The combinations a search cannot run are either unwritable (no such property) or refused where they are built.</summary>
public sealed class SearchOptionsTests
{
    [Fact]
    public void The_defaults_are_plain_exact_top_10_in_the_stores_only_space()
    {
        var options = new SearchOptions();

        var target = Assert.IsType<SingleSpace>(options.Target);
        Assert.Equal((null, null, null), (target.Space, target.Crops, target.Distance));
        Assert.Equal(10, options.TopK);
        Assert.False(options.Quantized);
        Assert.Equal(new SingleSpace(), (options with { Target = null! }).Target);
    }

    [Fact]
    public void A_space_name_is_a_single_space_target()
    {
        var options = new SearchOptions { Target = "siglip" };

        Assert.Equal(new SingleSpace("siglip"), options.Target);
        Assert.Throws<ArgumentException>(() => new SingleSpace(" "));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void A_top_k_below_one_is_refused_when_the_options_are_built(int topK)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SearchOptions { TopK = topK });
        Assert.Equal("TopK", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SearchOptions() with { TopK = topK });
    }

    [Fact]
    public void Crops_and_a_learned_distance_belong_to_one_space_and_a_blend_cannot_hold_them()
    {
        // Space beside Hybrid, and crops or a distance beside a blend, were the combinations the engine ignored or refused
        // only when searching: no property of the options or of a blend can express them now.
        string[] gone = ["Space", "Hybrid", "Crops", "Distance"];
        Assert.All(gone, name => Assert.Null(typeof(SearchOptions).GetProperty(name)));
        Assert.Null(typeof(HybridBlend).GetProperty("Crops"));
        Assert.Null(typeof(HybridBlend).GetProperty("Distance"));
        Assert.NotNull(typeof(SingleSpace).GetProperty("Crops"));
        Assert.NotNull(typeof(SingleSpace).GetProperty("Distance"));
        // The target is one of exactly these two: its constructor is not visible outside the library (only the copy
        // constructor every record has is).
        var targets = typeof(SearchTarget).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SearchTarget))).Select(t => t.Name).Order();
        Assert.Equal(["HybridBlend", "SingleSpace"], targets);
        var visible = typeof(SearchTarget).GetConstructors(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            .Where(c => c.IsPublic || c.IsFamily);
        Assert.All(visible, c => Assert.Equal([typeof(SearchTarget)], c.GetParameters().Select(p => p.ParameterType)));
    }

    [Fact]
    public void Crop_settings_out_of_range_are_refused_when_they_join_the_target()
    {
        Assert.Equal("RecallDepth", Assert.Throws<ArgumentOutOfRangeException>(() => new SingleSpace("siglip") { Crops = new CropRerankOptions(RecallDepth: 0) }).ParamName);
        Assert.Equal("Grid", Assert.Throws<ArgumentOutOfRangeException>(() => new SingleSpace { Crops = new CropRerankOptions(Layout: new CropLayout(Grid: 9)) }).ParamName);
        Assert.Throws<ArgumentException>(() => new SingleSpace { Crops = new CropRerankOptions(GlobalWeight: 0, LocalWeight: 0) });
        var fine = new SingleSpace { Crops = new CropRerankOptions() };
        Assert.Throws<ArgumentException>(() => fine with { Crops = fine.Crops! with { LocalWeight = -1 } });
    }

    [Fact]
    public void Both_re_rankers_recall_the_crops_depth_and_never_fewer_than_top_k()
    {
        var both = new SingleSpace { Crops = new CropRerankOptions(RecallDepth: 30), Distance = new DistanceRerank([1f]) { RecallDepth = 80 } };

        Assert.Equal(30, both.RecallDepth(10));
        Assert.Equal(80, (both with { Crops = null }).RecallDepth(10));
        Assert.Equal(40, both.RecallDepth(40));
        Assert.Equal(5, new SingleSpace().RecallDepth(5));
    }
}
