using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

/// <summary>Crop re-ranking, hybrid blending, calibration and max fusion against small hand-computed cases.</summary>
public sealed class RerankingMathTests
{
    [Fact]
    public void Crop_rerank_blends_the_global_score_with_the_best_crop()
    {
        float[] query = [1, 0];
        var candidates = new List<RankedItem> { new("a", 0.9, 0.9), new("b", 0.8, 0.8), new("c", 0.7, 0.7) };
        var crops = new Dictionary<string, float[]>
        {
            ["a"] = [0, 1, 0.6f, 0.8f],       // crop scores 0 and 0.6 -> local 0.6
            ["b"] = [1, 0, 0, 1],             // crop scores 1 and 0 -> local 1
        };

        var ranked = CropReranker.Rerank(query, candidates, crops, 2, new CropRerankOptions(GlobalWeight: 0.7, LocalWeight: 0.3));

        // a: 0.7*0.9 + 0.3*0.6 = 0.81; b: 0.7*0.8 + 0.3*1 = 0.86; c has no crops: local = global -> 0.7.
        Assert.Equal(["b", "a", "c"], ranked.Select(r => r.Id));
        Assert.Equal(0.86, ranked[0].Score, 6);
        Assert.Equal(1.0, ranked[0].Local!.Value, 6);
        Assert.Equal(0.81, ranked[1].Score, 6);
        Assert.Equal(0.7, ranked[2].Score, 6);
    }

    [Fact]
    public void Default_crop_layout_is_centre_plus_quadrants()
    {
        var windows = new CropLayout().Windows(100, 60);

        Assert.Equal(5, windows.Count);
        Assert.Equal(new ResearchKit.Imaging.PixelWindow(25, 15, 50, 30), windows[0]);
        Assert.Equal(new ResearchKit.Imaging.PixelWindow(0, 0, 50, 30), windows[1]);
        Assert.Equal(new ResearchKit.Imaging.PixelWindow(50, 30, 50, 30), windows[4]);
    }

    [Fact]
    public void Overlap_widens_cells_and_is_clipped_to_the_image()
    {
        var windows = new CropLayout(Grid: 2, Overlap: 0.5, Center: false).Windows(100, 100);

        // Cells of 50 widened by 12.5 each side: [-12.5, 62.5] clipped to [0, 62] (rounding half to even).
        Assert.Equal(new ResearchKit.Imaging.PixelWindow(0, 0, 62, 62), windows[0]);
        Assert.Equal(new ResearchKit.Imaging.PixelWindow(38, 38, 62, 62), windows[3]);
        Assert.Equal("g2-o0.5-nc", new CropLayout(2, 0.5, false).Key);
    }

    [Fact]
    public void Zscore_hybrid_blend_matches_hand_computation()
    {
        var scores = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["sem"] = new Dictionary<string, double> { ["x"] = 0.9, ["y"] = 0.5, ["z"] = 0.1 },   // z: 1.2247, 0, -1.2247
            ["vis"] = new Dictionary<string, double> { ["x"] = 0.2, ["y"] = 0.6, ["z"] = 0.4 },   // z: -1.2247, 1.2247, 0
        };

        var ranked = HybridBlender.Blend(scores, [new SpaceWeight("sem", 0.75), new SpaceWeight("vis", 0.25)], ScoreNormalization.ZScore);

        var z = Math.Sqrt(1.5);
        Assert.Equal(["x", "y", "z"], ranked.Select(r => r.Id));
        Assert.Equal(0.75 * z - 0.25 * z, ranked[0].Score, 9);
        Assert.Equal(0.25 * z, ranked[1].Score, 9);
        Assert.Equal(-0.75 * z, ranked[2].Score, 9);
        Assert.Equal(0.9, ranked[0].SpaceScores!["sem"]);
    }

    [Fact]
    public void Rank_normalisation_and_missing_space_fallback_renormalise_the_weights()
    {
        var scores = new Dictionary<string, IReadOnlyDictionary<string, double>>
        {
            ["sem"] = new Dictionary<string, double> { ["x"] = 0.3, ["y"] = 0.2 },              // ranks -> 1, 0.5
            ["vis"] = new Dictionary<string, double> { ["x"] = 0.1, ["y"] = 0.9, ["w"] = 0.5 },  // ranks -> 1/3, 1, 2/3
        };

        var ranked = HybridBlender.Blend(scores, [new SpaceWeight("sem", 0.5), new SpaceWeight("vis", 0.5)], ScoreNormalization.Rank)
            .ToDictionary(r => r.Id, r => r.Score);

        Assert.Equal(0.5 * 1 + 0.5 / 3, ranked["x"], 9);
        Assert.Equal(0.5 * 0.5 + 0.5 * 1, ranked["y"], 9);
        Assert.Equal(2.0 / 3, ranked["w"], 9);   // only in 'vis': its weight alone, renormalised to 1
    }

    [Fact]
    public void Calibration_is_the_sigmoid_of_temperature_times_score_plus_bias_and_monotone()
    {
        var calibration = new ScoreCalibration(10, -5);

        Assert.Equal(0.5, calibration.Probability(0.5), 12);
        Assert.Equal(1 / (1 + Math.Exp(-3)), calibration.Probability(0.8), 12);
        Assert.Equal(0, new ScoreCalibration(1000, 0).Probability(-1), 12);
        var previous = -1.0;
        for (var s = -1.0; s <= 1.0; s += 0.01)
        {
            var p = calibration.Probability(s);
            Assert.True(p >= previous, $"calibration decreased at score {s}");
            previous = p;
        }
    }

    [Fact]
    public void Max_fusion_scores_an_item_by_its_best_weighted_term()
    {
        var query = new QueryVectors([[1f, 0f], [0f, 1f]], [1f, 0.5f]);

        Assert.Equal(0.6, query.Score([0.6f, 0.8f]), 6);    // max(0.6, 0.5*0.8)
        Assert.Equal(0.45, query.Score([0.1f, 0.9f]), 6);   // max(0.1, 0.5*0.9)
    }

    [Fact]
    public void Metadata_filters_match_list_fields_case_insensitively_and_negate()
    {
        var item = new ResearchKit.Datasets.DatasetItem("a", "a.png", "Apple", [], ["Fruit", "red"], new Dictionary<string, string> { ["set"] = "noto" });

        Assert.True(MetadataFilter.Parse(["tags=fruit", "set=noto"]).Matches(item));
        Assert.False(MetadataFilter.Parse(["tags=fruit", "set!=noto"]).Matches(item));
        Assert.False(MetadataFilter.Parse(["tags=green"]).Matches(item));
        Assert.Throws<ArgumentException>(() => MetadataFilter.Parse(["fruit"]));
    }
}
