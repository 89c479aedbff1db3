using ResearchKit.Search;

namespace ResearchKit.Projection;

/// <summary>Brute-force k-nearest-neighbour graph: exact, quadratic, parallel over rows. Fine up to tens of thousands of points.</summary>
public static class ExactNeighbors
{
    /// <summary>The k nearest rows of every row; cancelling stops it within a row's scan.</summary>
    public static NeighborGraph Build(VectorMatrix points, int k, ProjectionMetric metric, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Rows;
        CheckK(n, k);
        var indices = new int[n * k];
        var distances = new float[n * k];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            // TopK keeps the highest scores, so it is fed negated distances.
            var best = new TopK(k);
            var row = points.Row(i);
            for (var j = 0; j < n; j++)
                if (j != i) best.Add(j, -PointDistance.Between(row, points.Row(j), metric));
            var ranked = best.ToArray();
            for (var r = 0; r < k; r++)
            {
                indices[i * k + r] = ranked[r].Row;
                distances[i * k + r] = -ranked[r].Score;
            }
        });
        return new NeighborGraph(n, k, indices, distances);
    }

    internal static void CheckK(int n, int k)
    {
        if (k < 1 || k >= n)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"neighbours must be between 1 and points - 1 ({n - 1}); lower n_neighbors or project more points.");
    }
}
