using ResearchKit.Search;

namespace ResearchKit.Projection;

/// <summary>
/// Trustworthiness (Venna and Kaski, 2001): how far the k nearest neighbours in a layout are from being neighbours
/// in the original space, penalised by their original rank. 1 means every layout neighbour is a true neighbour.
/// Quadratic in points; meant for evaluation samples of a few thousand.
/// </summary>
public static class Trustworthiness
{
    public static double Score(VectorMatrix original, float[][] layout, int k, ProjectionMetric metric)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(layout);
        var n = original.Rows;
        if (layout.Length != n) throw new ArgumentException($"layout has {layout.Length} points but the original has {n}; pass one layout row per original row.", nameof(layout));
        if (k < 1 || 2 * n - 3 * k - 1 <= 0)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at least 1 and below (2n - 1) / 3 = {(2 * n - 1) / 3} for {n} points.");
        var flat = layout.SelectMany(p => p).ToArray();
        var low = new VectorMatrix(flat, layout[0].Length);
        var penalty = new double[n];
        Parallel.For(0, n, i =>
        {
            // Rank of every point in the original space (1 = nearest).
            var byOriginal = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => PointDistance.Between(original.Row(i), original.Row(j), metric)).ThenBy(j => j).ToArray();
            var rank = new int[n];
            for (var r = 0; r < byOriginal.Length; r++) rank[byOriginal[r]] = r + 1;
            var inLayout = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => PointDistance.Between(low.Row(i), low.Row(j), ProjectionMetric.Euclidean)).ThenBy(j => j).Take(k);
            foreach (var j in inLayout) if (rank[j] > k) penalty[i] += rank[j] - k;
        });
        return 1 - 2.0 / (n * k * (2.0 * n - 3 * k - 1)) * penalty.Sum();
    }
}
