using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>Calibration quality of one (T, b) on judged pairs.</summary>
public sealed record CalibrationReport(double ExpectedCalibrationError, double NegativeLogLikelihood, double Brier, IReadOnlyList<ReliabilityBin> Reliability)
{
    /// <summary>Measures <paramref name="calibration"/> on the pairs.</summary>
    public static CalibrationReport Of(ScoreCalibration calibration, IReadOnlyList<double> scores, IReadOnlyList<bool> relevant)
    {
        var p = scores.Select(calibration.Probability).ToList();
        return new CalibrationReport(
            CalibrationMetrics.ExpectedCalibrationError(p, relevant),
            CalibrationMetrics.NegativeLogLikelihood(p, relevant),
            CalibrationMetrics.Brier(p, relevant),
            CalibrationMetrics.Reliability(p, relevant));
    }
}
