using ResearchKit.Search;
using System.Numerics.Tensors;

namespace ResearchKit.Projection;

/// <summary>
/// k-means with k-means++ seeding (Arthur and Vassilvitskii, 2007) and Lloyd iterations, deterministic for a seed.
/// Several seeded restarts keep the lowest inertia, as is usual, since one unlucky seeding can merge two clusters.
/// </summary>
public static class KMeans
{
    public static KMeansResult Fit(VectorMatrix points, int clusters, int seed = 0, int restarts = 4, int maxIterations = 100)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (clusters < 1 || clusters > points.Rows)
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, $"clusters must be between 1 and the number of points ({points.Rows}).");
        ArgumentOutOfRangeException.ThrowIfLessThan(restarts, 1);
        KMeansResult? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var run = Run(points, clusters, new Random(seed + 104729 * r), maxIterations);
            if (best is null || run.Inertia < best.Inertia) best = run;
        }
        return best!;
    }

    private static KMeansResult Run(VectorMatrix points, int k, Random random, int maxIterations)
    {
        int n = points.Rows, d = points.Dimension;
        var centroids = SeedPlusPlus(points, k, random);
        var assignment = new int[n];
        var iterations = 0;
        double inertia = 0;
        for (; iterations < maxIterations; iterations++)
        {
            var changed = 0;
            var distances = new double[n];
            Parallel.For(0, n, i =>
            {
                var (nearest, distance) = Nearest(points.Row(i), centroids);
                if (nearest != assignment[i] || iterations == 0) Interlocked.Increment(ref changed);
                assignment[i] = nearest;
                distances[i] = distance;
            });
            inertia = distances.Sum();
            if (changed == 0 && iterations > 0) break;
            var sums = new double[k, d];
            var counts = new int[k];
            for (var i = 0; i < n; i++)
            {
                counts[assignment[i]]++;
                var row = points.Row(i);
                for (var j = 0; j < d; j++) sums[assignment[i], j] += row[j];
            }
            for (var c = 0; c < k; c++)
            {
                // An emptied cluster restarts at the point farthest from its centroid, so k stays k.
                if (counts[c] == 0)
                {
                    var far = Array.IndexOf(distances, distances.Max());
                    centroids[c] = points.Row(far).ToArray();
                    distances[far] = 0;
                    continue;
                }
                for (var j = 0; j < d; j++) centroids[c][j] = (float)(sums[c, j] / counts[c]);
            }
        }
        return new KMeansResult(assignment, centroids, inertia, iterations);
    }

    private static float[][] SeedPlusPlus(VectorMatrix points, int k, Random random)
    {
        var n = points.Rows;
        var centroids = new List<float[]> { points.Row(random.Next(n)).ToArray() };
        var nearest = new double[n];
        for (var i = 0; i < n; i++) nearest[i] = SquaredDistance(points.Row(i), centroids[0]);
        while (centroids.Count < k)
        {
            // Next centre drawn with probability proportional to squared distance from the chosen ones.
            var total = nearest.Sum();
            var target = random.NextDouble() * total;
            var pick = n - 1;
            for (var i = 0; i < n; i++)
            {
                target -= nearest[i];
                if (target <= 0) { pick = i; break; }
            }
            var centre = points.Row(pick).ToArray();
            centroids.Add(centre);
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], SquaredDistance(points.Row(i), centre));
        }
        return [.. centroids];
    }

    private static (int Index, double Distance) Nearest(ReadOnlySpan<float> row, float[][] centroids)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centroids.Length; c++)
        {
            var distance = SquaredDistance(row, centroids[c]);
            if (distance < bestDistance) { best = c; bestDistance = distance; }
        }
        return (best, bestDistance);
    }

    private static double SquaredDistance(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var distance = TensorPrimitives.Distance(a, b);
        return (double)distance * distance;
    }
}
