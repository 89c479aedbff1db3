using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class MetricsTests
{
    private static readonly string[] Ranked = ["a", "b", "c", "d", "e"];
    private static readonly Dictionary<string, double> Binary = new() { ["a"] = 1, ["c"] = 1, ["x"] = 1, ["b"] = 0 };

    [Fact]
    public void Recall_precision_ap_and_rr_match_hand_computation()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.RecallAtK(Ranked, Binary, 3), 12);      // a, c of {a, c, x}
        Assert.Equal(1.0 / 3, RankingMetrics.RecallAtK(Ranked, Binary, 1), 12);
        Assert.Equal(2.0 / 3, RankingMetrics.PrecisionAtK(Ranked, Binary, 3), 12);
        Assert.Equal(2.0 / 10, RankingMetrics.PrecisionAtK(Ranked, Binary, 10), 12);  // missing positions are misses
        Assert.Equal((1.0 + 2.0 / 3) / 3, RankingMetrics.AveragePrecision(Ranked, Binary), 12);
        Assert.Equal(1.0, RankingMetrics.ReciprocalRank(Ranked, Binary), 12);
        Assert.Equal(1.0 / 3, RankingMetrics.ReciprocalRank(["b", "d", "c"], Binary), 12);
    }

    [Fact]
    public void Ndcg_uses_exponential_gain_and_log2_discount_against_the_ideal_order()
    {
        var graded = new Dictionary<string, double> { ["a"] = 1, ["b"] = 3, ["c"] = 2 };
        // DCG@3 of a,b,c: 1/log2(2) + 7/log2(3) + 3/log2(4); ideal b,c,a: 7 + 3/log2(3) + 1/2.
        var dcg = 1 + 7 / Math.Log2(3) + 3 / 2.0;
        var ideal = 7 + 3 / Math.Log2(3) + 1 / 2.0;
        Assert.Equal(dcg / ideal, RankingMetrics.NdcgAtK(["a", "b", "c"], graded, 3), 12);
        Assert.Equal(1.0, RankingMetrics.NdcgAtK(["b", "c", "a"], graded, 3), 12);
        Assert.Equal(0.0, RankingMetrics.NdcgAtK(["z"], graded, 3), 12);
    }

    [Fact]
    public void Ece_nll_brier_and_reliability_bins_match_hand_computation()
    {
        double[] p = [0.1, 0.1, 0.9, 0.9];
        bool[] y = [false, true, true, true];

        // Bins (15): 0.1 -> bin 1 (accuracy 0.5, confidence 0.1); 0.9 -> bin 13 (accuracy 1, confidence 0.9).
        Assert.Equal((2 * 0.4 + 2 * 0.1) / 4, CalibrationMetrics.ExpectedCalibrationError(p, y), 12);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.1) + 2 * Math.Log(0.9)) / 4, CalibrationMetrics.NegativeLogLikelihood(p, y), 12);
        Assert.Equal((0.01 + 0.81 + 0.01 + 0.01) / 4, CalibrationMetrics.Brier(p, y), 12);
        var bins = CalibrationMetrics.Reliability(p, y);
        Assert.Equal(15, bins.Count);
        Assert.Equal(2, bins[1].Count);
        Assert.Equal(0.5, bins[1].ObservedFrequency, 12);
        Assert.Equal(0.9, bins[13].MeanPredicted, 12);
    }

    [Fact]
    public void Bootstrap_interval_is_deterministic_and_brackets_a_clear_improvement()
    {
        var a = Enumerable.Range(0, 40).Select(i => 0.5 + 0.01 * (i % 5)).ToList();
        var b = a.Select((x, i) => x + 0.1 + 0.02 * (i % 3)).ToList();

        var interval = BootstrapInterval.ForDifference(a, b, seed: 3);

        Assert.Equal(interval, BootstrapInterval.ForDifference(a, b, seed: 3));
        Assert.Equal(0.1 + 0.02 * (13 + 2 * 13) / 40.0, interval.MeanDifference, 12);   // i % 3 is 0, 1, 2 for 14, 13, 13 queries
        Assert.True(interval.Low > 0.1 && interval.High < 0.14, $"{interval.Low}..{interval.High}");
        Assert.Equal(0, interval.ProbabilityBNotBetter);
    }

    [Fact]
    public void Thresholds_meet_target_precision_and_recall()
    {
        double[] p = [0.95, 0.9, 0.8, 0.7, 0.6, 0.3];
        bool[] y = [true, true, false, true, false, false];

        var forPrecision = ThresholdChoice.ForPrecision(p, y, 0.75)!;
        Assert.Equal(0.7, forPrecision.Threshold);          // top 4: 3 of 4 relevant = 0.75, recall 1
        Assert.Equal(1.0, forPrecision.Recall);
        var forRecall = ThresholdChoice.ForRecall(p, y, 0.6)!;
        Assert.Equal(0.9, forRecall.Threshold);             // top 2 already find 2 of 3
        Assert.Null(ThresholdChoice.ForPrecision(p, y, 1.01));
    }
}
