using ResearchKit.Search;

namespace ResearchKit.Projection;

/// <summary>
/// Uniform Manifold Approximation and Projection (McInnes, Healy and Melville, 2018): a fuzzy graph of k nearest
/// neighbours, then a low-dimensional layout found by stochastic gradient descent on its cross-entropy, sampling each
/// edge in proportion to its weight and pushing apart random pairs (negative sampling). Initialised from PCA rather than
/// the spectral embedding, which costs an eigen-solve on the graph; the layout is deterministic for a seed because the
/// optimisation runs on one thread.
/// </summary>
public static class Umap
{
    private const float GradientClip = 4f;
    private const float InitialExtent = 10f;

    /// <summary>
    /// Projects the rows of <paramref name="points"/>; row i of the result is the layout of row i. Cancelling stops it
    /// within a neighbour-graph row or round, or an optimisation epoch.
    /// </summary>
    public static float[][] Fit(VectorMatrix points, UmapOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new UmapOptions();
        options.Validate(points.Rows);
        var set = FuzzySimplicialSet.FromNeighbors(Neighbors(points, options, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        var layout = Initialise(points, options);
        Optimise(layout, set, UmapCurve.Fit(options.MinDist, options.Spread), options, cancellationToken);
        return layout;
    }

    /// <summary>
    /// The k-nearest-neighbour graph UMAP builds on: an exact scan up to <see cref="UmapOptions.ExactNeighborLimit"/>
    /// points, NN-descent above.
    /// </summary>
    public static NeighborGraph Neighbors(VectorMatrix points, UmapOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        return points.Rows <= options.ExactNeighborLimit
            ? ExactNeighbors.Build(points, options.Neighbors, options.Metric, cancellationToken)
            : NeighborDescent.Build(points, options.Neighbors, options.Metric, options.Seed, cancellationToken: cancellationToken);
    }

    private static float[][] Initialise(VectorMatrix points, UmapOptions options)
    {
        var components = Math.Min(options.Components, Math.Min(points.Rows, points.Dimension));
        var pca = PrincipalComponents.Fit(points, components, options.Seed).Transform(points);
        var extent = pca.SelectMany(p => p).Select(MathF.Abs).DefaultIfEmpty(1f).Max();
        var scale = extent > 0 ? InitialExtent / extent : 1f;
        // A little seeded jitter separates exact duplicates, which would otherwise never feel a gradient.
        var random = new Random(options.Seed);
        return pca.Select(p =>
        {
            var y = new float[options.Components];
            for (var c = 0; c < y.Length; c++) y[c] = (c < p.Length ? p[c] * scale : 0f) + (float)(random.NextDouble() - 0.5) * 1e-4f;
            return y;
        }).ToArray();
    }

    private static void Optimise(float[][] y, FuzzySimplicialSet set, UmapCurve curve, UmapOptions options, CancellationToken cancellationToken)
    {
        var epochs = options.Epochs ?? (set.Points <= 10_000 ? 500 : 200);
        var maxWeight = set.Weights.DefaultIfEmpty(0f).Max();
        var edges = new List<int>();
        for (var e = 0; e < set.Weights.Length; e++)
            if (set.Weights[e] >= maxWeight / epochs) edges.Add(e);
        var perSample = edges.Select(e => maxWeight / set.Weights[e]).ToArray();
        var nextSample = (float[])perSample.Clone();
        var perNegative = perSample.Select(p => p / Math.Max(1, options.NegativeSamples)).ToArray();
        var nextNegative = (float[])perNegative.Clone();
        float a = (float)curve.A, b = (float)curve.B;
        var dims = options.Components;
        var random = new Random(options.Seed);
        var n = set.Points;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var alpha = (float)(options.LearningRate * (1.0 - (double)epoch / epochs));
            for (var s = 0; s < edges.Count; s++)
            {
                if (nextSample[s] > epoch) continue;
                var edge = edges[s];
                var head = y[set.Heads[edge]];
                var tail = y[set.Tails[edge]];
                var d2 = SquaredDistance(head, tail);
                var attract = d2 > 0 ? -2f * a * b * MathF.Pow(d2, b - 1f) / (a * MathF.Pow(d2, b) + 1f) : 0f;
                for (var c = 0; c < dims; c++)
                {
                    var g = Clip(attract * (head[c] - tail[c])) * alpha;
                    head[c] += g;
                    tail[c] -= g;
                }
                nextSample[s] += perSample[s];
                if (options.NegativeSamples == 0) continue;
                var negatives = (int)((epoch - nextNegative[s]) / perNegative[s]);
                for (var p = 0; p < negatives; p++)
                {
                    var other = random.Next(n);
                    if (other == set.Heads[edge]) continue;
                    var away = y[other];
                    var nd2 = SquaredDistance(head, away);
                    var repel = nd2 > 0 ? 2f * b / ((0.001f + nd2) * (a * MathF.Pow(nd2, b) + 1f)) : 0f;
                    for (var c = 0; c < dims; c++)
                        head[c] += (repel > 0 ? Clip(repel * (head[c] - away[c])) : GradientClip) * alpha;
                }
                nextNegative[s] += negatives * perNegative[s];
            }
        }
    }

    private static float Clip(float g) => Math.Clamp(g, -GradientClip, GradientClip);

    private static float SquaredDistance(float[] p, float[] q)
    {
        var sum = 0f;
        for (var c = 0; c < p.Length; c++)
        {
            var diff = p[c] - q[c];
            sum += diff * diff;
        }
        return sum;
    }
}
