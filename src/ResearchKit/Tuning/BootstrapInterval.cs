namespace ResearchKit.Tuning;

/// <summary>
/// A paired bootstrap confidence interval for the mean difference of a per-query metric between two settings or
/// models (B - A), resampling queries with replacement; deterministic for a seed.
/// </summary>
/// <param name="MeanDifference">Observed mean of B - A.</param>
/// <param name="Low">Lower bound of the interval.</param>
/// <param name="High">Upper bound of the interval.</param>
/// <param name="Confidence">Interval level, e.g. 0.95.</param>
/// <param name="ProbabilityBNotBetter">Fraction of resamples where B's mean was not above A's (a one-sided bootstrap p-value).</param>
public sealed record BootstrapInterval(double MeanDifference, double Low, double High, double Confidence, double ProbabilityBNotBetter)
{
    /// <summary>Bootstraps the paired differences of <paramref name="a"/> and <paramref name="b"/> (one value per query each).</summary>
    public static BootstrapInterval ForDifference(IReadOnlyList<double> a, IReadOnlyList<double> b, int resamples = 2000, double confidence = 0.95, int seed = 17)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired bootstrap needs one value per query for both settings; got {a.Count} and {b.Count}.");
        if (a.Count == 0) throw new ArgumentException("paired bootstrap needs at least one query.");
        var diff = a.Select((x, i) => b[i] - x).ToArray();
        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < diff.Length; i++) sum += diff[random.Next(diff.Length)];
            means[r] = sum / diff.Length;
        }
        Array.Sort(means);
        var tail = (1 - confidence) / 2;
        return new BootstrapInterval(diff.Average(), Quantile(means, tail), Quantile(means, 1 - tail), confidence, means.Count(m => m <= 0) / (double)resamples);
    }

    /// <summary>
    /// A bootstrap interval of the mean of <paramref name="values"/> (one per query): the paired interval against an
    /// all-zero baseline. NaN bounds for no values.
    /// </summary>
    public static BootstrapInterval ForMean(IReadOnlyList<double> values, int resamples = 2000, double confidence = 0.95, int seed = 17)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0 ? new BootstrapInterval(double.NaN, double.NaN, double.NaN, confidence, double.NaN)
            : ForDifference(new double[values.Count], values, resamples, confidence, seed);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(sorted.Length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
