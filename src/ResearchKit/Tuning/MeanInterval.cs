namespace ResearchKit.Tuning;

/// <summary>A mean over queries with its 95% bootstrap interval.</summary>
public sealed record MeanInterval(double Mean, double Low, double High)
{
    /// <summary>The mean of <paramref name="values"/> with a bootstrap interval (see <see cref="BootstrapInterval.ForMean"/>).</summary>
    public static MeanInterval Of(IReadOnlyList<double> values, int seed = 17)
    {
        var b = BootstrapInterval.ForMean(values, seed: seed);
        return new MeanInterval(b.MeanDifference, b.Low, b.High);
    }
}
