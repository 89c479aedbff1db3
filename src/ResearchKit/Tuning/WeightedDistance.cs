using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>The learned distance d(x, y) = sqrt(sum_i w_i (x_i - y_i)^2), w >= 0, and triplet accuracy under it.</summary>
public static class WeightedDistance
{
    /// <summary>d_w(x, y).</summary>
    public static double Distance(ReadOnlySpan<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> y) =>
        WeightedEuclidean.Distance(weights, x, y);

    /// <summary>
    /// Fraction of A/B-answered triplets where the chosen option is strictly nearer under <paramref name="weights"/>
    /// (null weights: plain Euclidean). Equality and don't-know answers are not counted.
    /// </summary>
    public static double TripletAccuracy(IReadOnlyList<TripletExample> triplets, float[]? weights = null)
    {
        weights ??= Uniform(triplets.Count > 0 ? triplets[0].Anchor.Length : 0);
        int judged = 0, correct = 0;
        foreach (var t in triplets)
        {
            if (t.Answer is not (TripletAnswer.A or TripletAnswer.B)) continue;
            judged++;
            var dA = Distance(weights, t.Anchor, t.A);
            var dB = Distance(weights, t.Anchor, t.B);
            if (t.Answer == TripletAnswer.A ? dA < dB : dB < dA) correct++;
        }
        return judged == 0 ? 0 : (double)correct / judged;
    }

    /// <summary>All-ones weights: the unweighted Euclidean distance.</summary>
    public static float[] Uniform(int dimension)
    {
        var w = new float[dimension];
        Array.Fill(w, 1f);
        return w;
    }
}
