namespace ResearchKit.Tuning;

/// <summary>How well predicted probabilities match outcomes: ECE, NLL, Brier score and reliability-diagram bins.</summary>
public static class CalibrationMetrics
{
    /// <summary>Expected calibration error over equal-width bins (15 by default): sum of |accuracy - confidence| weighted by bin size.</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, int bins = 15) =>
        Reliability(probabilities, outcomes, bins).Sum(b => b.Count * Math.Abs(b.ObservedFrequency - b.MeanPredicted)) / Math.Max(1, probabilities.Count);

    /// <summary>Mean negative log-likelihood (natural log), with probabilities clipped to [1e-12, 1 - 1e-12].</summary>
    public static double NegativeLogLikelihood(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        Check(probabilities, outcomes);
        var sum = 0.0;
        for (var i = 0; i < probabilities.Count; i++)
        {
            var p = Math.Clamp(probabilities[i], 1e-12, 1 - 1e-12);
            sum -= outcomes[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return probabilities.Count == 0 ? 0 : sum / probabilities.Count;
    }

    /// <summary>Mean squared difference between probability and outcome.</summary>
    public static double Brier(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        Check(probabilities, outcomes);
        return probabilities.Count == 0 ? 0 : probabilities.Select((p, i) => Math.Pow(p - (outcomes[i] ? 1 : 0), 2)).Average();
    }

    /// <summary>Reliability-diagram data: for each equal-width bin, its range, count, mean predicted probability and observed frequency.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes, int bins = 15)
    {
        Check(probabilities, outcomes);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var count = new int[bins];
        var predicted = new double[bins];
        var positive = new int[bins];
        for (var i = 0; i < probabilities.Count; i++)
        {
            var b = Math.Min(bins - 1, (int)(Math.Clamp(probabilities[i], 0, 1) * bins));
            count[b]++;
            predicted[b] += probabilities[i];
            if (outcomes[i]) positive[b]++;
        }
        return [.. Enumerable.Range(0, bins).Select(b => new ReliabilityBin(
            (double)b / bins, (double)(b + 1) / bins, count[b],
            count[b] == 0 ? 0 : predicted[b] / count[b], count[b] == 0 ? 0 : (double)positive[b] / count[b]))];
    }

    private static void Check(IReadOnlyList<double> probabilities, IReadOnlyList<bool> outcomes)
    {
        if (probabilities.Count != outcomes.Count)
            throw new ArgumentException($"{probabilities.Count} probabilities but {outcomes.Count} outcomes; give one outcome per probability.");
    }
}
