using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class CalibrationFitTests
{
    [Fact]
    public void Fitting_recovers_a_known_temperature_and_bias_from_synthetic_scores()
    {
        var truth = new ScoreCalibration(12, -4);
        var random = new Random(5);
        var scores = new List<double>();
        var labels = new List<bool>();
        for (var i = 0; i < 20000; i++)
        {
            var s = random.NextDouble() * 0.8 - 0.1;
            scores.Add(s);
            labels.Add(random.NextDouble() < truth.Probability(s));
        }

        var fit = CalibrationFit.Fit(scores, labels, new ScoreCalibration(1, 0));

        Assert.InRange(fit.Calibration.Temperature, 11.2, 12.8);
        Assert.InRange(fit.Calibration.Bias, -4.3, -3.7);
        Assert.True(fit.After.ExpectedCalibrationError < fit.Before.ExpectedCalibrationError);
        Assert.True(fit.After.NegativeLogLikelihood < fit.Before.NegativeLogLikelihood);
        Assert.True(fit.After.ExpectedCalibrationError < 0.02, $"ECE after {fit.After.ExpectedCalibrationError}");
    }

    [Fact]
    public void One_class_only_is_refused_with_the_fix()
    {
        var error = Assert.Throws<ArgumentException>(() => CalibrationFit.Fit([0.1, 0.2], [true, true]));
        Assert.Contains("both kinds", error.Message);
    }
}
