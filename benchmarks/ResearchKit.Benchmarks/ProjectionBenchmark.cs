using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Projection;
using ResearchKit.Search;

namespace ResearchKit.Benchmarks;

/// <summary>
/// UMAP, PCA and k-means on seeded clustered unit vectors at d = 768 (embedding-shaped: 100 clusters), one JSON line
/// per size: seconds per stage, peak working set, neighbour-graph recall against an exact scan on 200 sampled points,
/// and trustworthiness (k = 10) of UMAP and PCA layouts on a 2,000-point sample.
/// </summary>
public static class ProjectionBenchmark
{
    private const int Dimension = 768;

    public static int Run(string[] args)
    {
        foreach (var n in args.Select(int.Parse))
        {
            var points = Make(n, seed: 1);
            var options = new UmapOptions { Seed = 1 };
            var clock = Stopwatch.StartNew();
            // Timed on its own to show its share; Umap.Fit below builds the same graph again, inside its total.
            var graph = Umap.Neighbors(points, options);
            var knnSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var layout = Umap.Fit(points, options);
            var umapSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var pca = PrincipalComponents.Fit(points, 2, seed: 1).Transform(points);
            var pcaSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            KMeans.Fit(points, 100, seed: 1, restarts: 1, maxIterations: 25);
            var kmeansSeconds = clock.Elapsed.TotalSeconds;

            var sample = Enumerable.Range(0, n).OrderBy(i => (i * 2654435761L) % n).Take(Math.Min(n, 2000)).ToArray();
            var sampled = new VectorMatrix(sample.SelectMany(i => points.Row(i).ToArray()).ToArray(), Dimension);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                points = n,
                dimension = Dimension,
                neighbor_graph = n <= options.ExactNeighborLimit ? "exact" : "nn-descent",
                knn_seconds = Math.Round(knnSeconds, 2),
                knn_recall_at_15 = Math.Round(Recall(points, graph, options), 4),
                umap_seconds_total = Math.Round(umapSeconds, 2),
                pca_seconds = Math.Round(pcaSeconds, 2),
                kmeans_100_seconds_25_iterations = Math.Round(kmeansSeconds, 2),
                trustworthiness_umap = Math.Round(Trustworthiness.Score(sampled, sample.Select(i => layout[i]).ToArray(), 10, ProjectionMetric.Cosine), 4),
                trustworthiness_pca = Math.Round(Trustworthiness.Score(sampled, sample.Select(i => pca[i]).ToArray(), 10, ProjectionMetric.Cosine), 4),
                peak_working_set_mb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024),
            }));
        }
        return 0;
    }

    private static double Recall(VectorMatrix points, NeighborGraph graph, UmapOptions options)
    {
        var hits = 0;
        var probes = Enumerable.Range(0, 200).Select(i => (int)((i * 7919L) % points.Rows)).ToArray();
        foreach (var i in probes)
        {
            var best = new TopK(options.Neighbors);
            for (var j = 0; j < points.Rows; j++)
                if (j != i) best.Add(j, System.Numerics.Tensors.TensorPrimitives.Dot(points.Row(i), points.Row(j)));
            hits += best.ToArray().Select(r => r.Row).Intersect(graph.NeighborsOf(i).ToArray()).Count();
        }
        return hits / (double)(probes.Length * options.Neighbors);
    }

    // Unit vectors around 100 unit centres, like real embeddings: near neighbours much closer than the rest.
    private static VectorMatrix Make(int n, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 100).Select(_ => Unit(Enumerable.Range(0, Dimension).Select(_ => Gaussian(random)).ToArray())).ToArray();
        var values = new float[n * Dimension];
        for (var i = 0; i < n; i++)
        {
            var centre = centres[random.Next(centres.Length)];
            var row = Unit(centre.Select(c => c + 0.04f * Gaussian(random)).ToArray());
            row.CopyTo(values, i * Dimension);
        }
        return new VectorMatrix(values, Dimension);
    }

    private static float[] Unit(float[] v)
    {
        var norm = System.Numerics.Tensors.TensorPrimitives.Norm(v);
        return v.Select(x => x / norm).ToArray();
    }

    private static float Gaussian(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
