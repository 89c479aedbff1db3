namespace ResearchKit.Projection;

/// <summary>
/// UMAP's high-dimensional graph (McInnes, Healy and Melville, 2018, section 3.1): each point's neighbour distances
/// are rescaled so that its nearest neighbour is at membership 1 and the memberships sum to log2(k); the directed
/// memberships are then joined by fuzzy union, w = a + b - a*b. Stored as a directed edge list holding both directions.
/// </summary>
public sealed class FuzzySimplicialSet
{
    private const int SearchSteps = 64;
    private const float Tolerance = 1e-5f;
    // Keeps sigma from collapsing to zero where neighbours are at one distance (duplicates, grids).
    private const float MinScaleOfMeanDistance = 1e-3f;

    private FuzzySimplicialSet(int points, int[] heads, int[] tails, float[] weights)
    {
        Points = points;
        Heads = heads;
        Tails = tails;
        Weights = weights;
    }

    public int Points { get; }
    public int[] Heads { get; }
    public int[] Tails { get; }
    public float[] Weights { get; }

    public static FuzzySimplicialSet FromNeighbors(NeighborGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.Points;
        var k = graph.K;
        var meanDistance = graph.Distances.Length == 0 ? 1f : graph.Distances.Average();
        var directed = new float[n * k];
        for (var i = 0; i < n; i++)
        {
            var distances = graph.DistancesOf(i);
            var rho = NearestPositive(distances);
            var sigma = SolveSigma(distances, rho, MathF.Log2(k));
            var meanOfRow = 0f;
            foreach (var d in distances) meanOfRow += d;
            meanOfRow /= k;
            sigma = Math.Max(sigma, MinScaleOfMeanDistance * (rho > 0 ? meanOfRow : meanDistance));
            for (var j = 0; j < k; j++)
                directed[i * k + j] = MathF.Exp(-MathF.Max(0f, distances[j] - rho) / sigma);
        }
        return Symmetrise(graph, directed);
    }

    private static float NearestPositive(ReadOnlySpan<float> distances)
    {
        foreach (var d in distances) if (d > 0) return d;
        return 0f;
    }

    // Binary search for the scale at which the memberships sum to the target (log2 k).
    private static float SolveSigma(ReadOnlySpan<float> distances, float rho, float target)
    {
        float lo = 0f, hi = float.PositiveInfinity, mid = 1f;
        for (var step = 0; step < SearchSteps; step++)
        {
            var sum = 0f;
            foreach (var d in distances)
            {
                var excess = d - rho;
                sum += excess > 0 ? MathF.Exp(-excess / mid) : 1f;
            }
            if (MathF.Abs(sum - target) < Tolerance) break;
            if (sum > target)
            {
                hi = mid;
                mid = (lo + hi) / 2;
            }
            else
            {
                lo = mid;
                mid = float.IsPositiveInfinity(hi) ? mid * 2 : (lo + hi) / 2;
            }
        }
        return mid;
    }

    private static FuzzySimplicialSet Symmetrise(NeighborGraph graph, float[] directed)
    {
        var k = graph.K;
        var pairs = new Dictionary<long, (float Forward, float Backward)>(directed.Length);
        for (var i = 0; i < graph.Points; i++)
        {
            var neighbors = graph.NeighborsOf(i);
            for (var j = 0; j < k; j++)
            {
                var other = neighbors[j];
                var w = directed[i * k + j];
                // Key by (low, high); "forward" is low -> high.
                var key = i < other ? ((long)i << 32) | (uint)other : ((long)other << 32) | (uint)i;
                pairs.TryGetValue(key, out var entry);
                pairs[key] = i < other ? (Math.Max(entry.Forward, w), entry.Backward) : (entry.Forward, Math.Max(entry.Backward, w));
            }
        }
        var heads = new List<int>(pairs.Count * 2);
        var tails = new List<int>(pairs.Count * 2);
        var weights = new List<float>(pairs.Count * 2);
        foreach (var (key, (a, b)) in pairs.OrderBy(p => p.Key))
        {
            var w = a + b - a * b;
            if (w <= 0) continue;
            int low = (int)(key >> 32), high = (int)(key & 0xFFFFFFFF);
            heads.Add(low); tails.Add(high); weights.Add(w);
            heads.Add(high); tails.Add(low); weights.Add(w);
        }
        return new FuzzySimplicialSet(graph.Points, [.. heads], [.. tails], [.. weights]);
    }
}
