namespace ResearchKit.Tuning;

/// <summary>
/// A decision threshold on calibrated probability, picked for a target precision (the lowest threshold that
/// reaches it, so recall is as high as possible) or a target recall (the highest threshold that keeps it).
/// </summary>
public sealed record ThresholdChoice(double Threshold, double Precision, double Recall)
{
    /// <summary>The precision-recall curve: one point per distinct probability, threshold descending.</summary>
    public static IReadOnlyList<ThresholdChoice> Curve(IReadOnlyList<double> probabilities, IReadOnlyList<bool> relevant)
    {
        if (probabilities.Count != relevant.Count) throw new ArgumentException($"{probabilities.Count} probabilities but {relevant.Count} labels.");
        var positives = relevant.Count(r => r);
        var order = probabilities.Select((p, i) => (p, r: relevant[i])).OrderByDescending(x => x.p).ToList();
        var curve = new List<ThresholdChoice>();
        int tp = 0, taken = 0;
        for (var i = 0; i < order.Count; i++)
        {
            taken++;
            if (order[i].r) tp++;
            if (i + 1 < order.Count && order[i + 1].p == order[i].p) continue;
            curve.Add(new ThresholdChoice(order[i].p, (double)tp / taken, positives == 0 ? 0 : (double)tp / positives));
        }
        return curve;
    }

    /// <summary>The lowest threshold whose precision is at least <paramref name="target"/>, or null when none reaches it.</summary>
    public static ThresholdChoice? ForPrecision(IReadOnlyList<double> probabilities, IReadOnlyList<bool> relevant, double target) =>
        Curve(probabilities, relevant).Where(c => c.Precision >= target).OrderBy(c => c.Threshold).FirstOrDefault();

    /// <summary>The highest threshold whose recall is at least <paramref name="target"/>, or null when none reaches it.</summary>
    public static ThresholdChoice? ForRecall(IReadOnlyList<double> probabilities, IReadOnlyList<bool> relevant, double target) =>
        Curve(probabilities, relevant).Where(c => c.Recall >= target).OrderByDescending(c => c.Threshold).FirstOrDefault();
}
