using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// Fits calibrated = sigmoid(T * score + b) to judged (score, relevant) pairs by minimising the mean negative
/// log-likelihood with BFGS (MathNet.Numerics), and reports ECE, NLL and Brier before and after.
/// </summary>
public sealed record CalibrationFit(ScoreCalibration Calibration, CalibrationReport Before, CalibrationReport After, int Pairs)
{
    /// <summary>Fits T and b. <paramref name="start"/> (e.g. the model's own logit scale and bias) is the starting point and the "before".</summary>
    /// <exception cref="ArgumentException">Fewer than two pairs, or only one class present.</exception>
    public static CalibrationFit Fit(IReadOnlyList<double> scores, IReadOnlyList<bool> relevant, ScoreCalibration? start = null)
    {
        if (scores.Count != relevant.Count) throw new ArgumentException($"{scores.Count} scores but {relevant.Count} labels.");
        if (scores.Count < 2 || relevant.All(r => r) || relevant.All(r => !r))
            throw new ArgumentException("calibration needs judged pairs of both kinds (relevant and not relevant); collect or generate more judgments.");
        start ??= new ScoreCalibration(10, -5);
        var objective = ObjectiveFunction.Gradient(p => Loss(p[0], p[1], scores, relevant));
        var result = new BfgsMinimizer(1e-9, 1e-12, 1e-12, 2000).FindMinimum(objective, Vector<double>.Build.DenseOfArray([start.Temperature, start.Bias]));
        var fitted = new ScoreCalibration(result.MinimizingPoint[0], result.MinimizingPoint[1]);
        return new CalibrationFit(fitted, CalibrationReport.Of(start, scores, relevant), CalibrationReport.Of(fitted, scores, relevant), scores.Count);
    }

    // Mean NLL of sigmoid(T s + b) and its gradient; softplus keeps it finite for large |z|.
    private static (double, Vector<double>) Loss(double t, double b, IReadOnlyList<double> scores, IReadOnlyList<bool> relevant)
    {
        double loss = 0, gt = 0, gb = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var z = t * scores[i] + b;
            var y = relevant[i] ? 1.0 : 0.0;
            loss += Softplus(z) - y * z;
            var residual = Sigmoid(z) - y;
            gt += residual * scores[i];
            gb += residual;
        }
        var n = scores.Count;
        return (loss / n, Vector<double>.Build.DenseOfArray([gt / n, gb / n]));
    }

    private static double Softplus(double z) => z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
}
