using System.Runtime.InteropServices;
using ResearchKit.Deployment;
using ResearchKit.Search;
using ResearchKit.Tests.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Deployment;

public sealed class TunedSearchConfigTests : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly SearchEngine _engine;
    private readonly TempDirectory _store = new();

    public TunedSearchConfigTests(IndexedDatasetFixture data) => _engine = SearchEngine.Open(data.Dataset);

    public void Dispose()
    {
        _engine.Dispose();
        _store.Dispose();
    }

    [Fact]
    public void Tuned_calibration_threshold_hybrid_weight_and_triplet_weights_reach_the_config()
    {
        var weights = Enumerable.Range(0, _engine.Space("siglip").Dimension).Select(i => 0.5f + i / 100f).ToArray();
        _store.Write("w.f32", MemoryMarshal.AsBytes(weights.AsSpan()).ToArray());
        var state = new TuningState
        {
            Space = "siglip", Temperature = 12, Bias = -4, Threshold = 0.7, HybridWith = "dinov2", HybridWeight = 0.6, HybridNormalization = "rank",
            TripletWeightsFile = "w.f32", Judgments = 42, HeldOutMetrics = new() { ["ndcg@10"] = 0.5 },
        };

        var (config, loaded) = TunedSearchConfig.Assemble(_engine, state, _store.Path, "emoji");

        Assert.Equal([("siglip", 0.6), ("dinov2", 0.4)], config.Spaces.Select(s => (s.Name, Math.Round(s.Weight, 6))));
        Assert.Equal(new ConfigCalibration(12, -4, 0.7), config.Calibration);
        Assert.Equal("rank", config.Normalization);
        Assert.Equal(42, config.Provenance.Judgments);
        Assert.Equal(0.5, config.Provenance.HeldOutMetrics["ndcg@10"]);
        Assert.Equal(weights, loaded);
    }

    [Fact]
    public void A_tuned_blend_wins_over_tuned_crops_which_only_a_single_space_can_use()
    {
        var state = new TuningState { Space = "siglip", HybridWith = "dinov2", HybridWeight = 0.6, LocalWeight = 0.3, CropGrid = 3, RecallDepth = 20 };

        var options = TunedSearchConfig.Options(state, "siglip");
        var (config, _) = TunedSearchConfig.Assemble(_engine, state, _store.Path, "emoji");

        Assert.Equal(["siglip", "dinov2"], Assert.IsType<HybridBlend>(options.Target).Weights.Select(w => w.Space));
        Assert.Null(config.Crops);
        var path = Path.Combine(_store.Path, "search.json");
        config.Save(path);
        Assert.Equal(options.Target, SearchConfigMapping.ToOptions(SearchConfig.Load(path)).Target);
        Assert.NotEmpty(_engine.SearchSimilar("emoji_1f34e.png", options).Results);
    }

    [Fact]
    public void Crop_settings_map_to_options_and_weights_of_another_space_are_not_used()
    {
        var state = new TuningState { Space = "dinov2", LocalWeight = 0.3, CropGrid = 3, RecallDepth = 20, TripletWeightsFile = "missing.f32" };

        var options = TunedSearchConfig.Options(state, "siglip");
        var (config, weights) = TunedSearchConfig.Assemble(_engine, state, _store.Path, "emoji", "siglip");

        Assert.Equal(new CropRerankOptions(20, new CropLayout(3), 0.7, 0.3), Assert.IsType<SingleSpace>(options.Target).Crops);
        Assert.Equal("zscore", config.Normalization);
        Assert.Equal(3, config.Crops!.Grid);
        Assert.Equal(20, config.RecallDepth);
        Assert.Null(weights);
        Assert.Throws<SearchConfigException>(() => TunedSearchConfig.Weights(state, _store.Path, "dinov2"));
    }
}
