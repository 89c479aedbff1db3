using MathNet.Numerics.LinearAlgebra;
using ResearchKit.Projection;
using ResearchKit.Search;

namespace ResearchKit.Tests.Projection;

public class ProjectionMathTests
{
    [Fact]
    public void Pca_matches_a_full_eigen_decomposition_of_the_covariance()
    {
        var random = new Random(11);
        const int n = 400, d = 12;
        // Anisotropic data: column j scaled by (j + 1), then mixed by a random rotation-ish matrix.
        var mix = Matrix<double>.Build.Dense(d, d, (_, _) => ClusteredPoints.Gaussian(random));
        var raw = Matrix<double>.Build.Dense(n, d, (_, j) => ClusteredPoints.Gaussian(random) * (j + 1) + 5);
        var data = raw * mix;
        var points = new VectorMatrix(Enumerable.Range(0, n).SelectMany(i => data.Row(i).Select(v => (float)v)).ToArray(), d);

        var pca = PrincipalComponents.Fit(points, 3, seed: 1);

        var centred = data - Matrix<double>.Build.Dense(n, d, (_, j) => data.Column(j).Average());
        var covariance = centred.TransposeThisAndMultiply(centred) / (n - 1);
        var evd = covariance.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, d).OrderByDescending(i => evd.EigenValues[i].Real).ToArray();
        for (var c = 0; c < 3; c++)
        {
            var expected = evd.EigenVectors.Column(order[c]);
            var dot = Enumerable.Range(0, d).Sum(j => expected[j] * pca.Components[c][j]);
            Assert.True(Math.Abs(dot) > 0.999, $"component {c}: |cos| = {Math.Abs(dot):F5}");
            Assert.Equal(evd.EigenValues[order[c]].Real, pca.ExplainedVariance[c], evd.EigenValues[order[c]].Real * 1e-3);
        }
        Assert.Equal(evd.EigenValues.Sum(v => v.Real) is var total ? pca.ExplainedVariance[0] / total : 0, pca.ExplainedVarianceRatio[0], 1e-6);
        var projected = pca.Transform(points);
        Assert.Equal(Enumerable.Range(0, d).Sum(j => (data[0, j] - data.Column(j).Average()) * pca.Components[0][j]), projected[0][0], 1e-2);
    }

    [Fact]
    public void Neighbor_descent_finds_nearly_all_exact_neighbours()
    {
        var (points, _) = ClusteredPoints.Make(clusters: 20, perCluster: 100, dimension: 24, spread: 1.0, seed: 4);
        var exact = ExactNeighbors.Build(points, 10, ProjectionMetric.Euclidean);
        var approximate = NeighborDescent.Build(points, 10, ProjectionMetric.Euclidean, seed: 2);
        var hits = 0;
        for (var i = 0; i < points.Rows; i++)
            hits += approximate.NeighborsOf(i).ToArray().Intersect(exact.NeighborsOf(i).ToArray()).Count();
        var recall = hits / (double)(points.Rows * 10);
        Assert.True(recall > 0.95, $"NN-descent recall {recall:F3}");
        for (var i = 0; i < points.Rows; i++)
        {
            Assert.DoesNotContain(i, approximate.NeighborsOf(i).ToArray());
            var distances = approximate.DistancesOf(i);
            for (var r = 1; r < distances.Length; r++) Assert.True(distances[r - 1] <= distances[r]);
        }
    }

    [Fact]
    public void Kmeans_recovers_well_separated_clusters_and_is_deterministic()
    {
        var (points, labels) = ClusteredPoints.Make(clusters: 6, perCluster: 30, dimension: 10, spread: 0.3, seed: 8);
        var result = KMeans.Fit(points, 6, seed: 5);
        // Same partition up to renaming: every true cluster maps to exactly one found cluster.
        var mapping = labels.Zip(result.Assignments).Distinct().ToList();
        Assert.Equal(6, mapping.Count);
        Assert.Equal(6, mapping.Select(m => m.Second).Distinct().Count());
        Assert.Equal(result.Assignments, KMeans.Fit(points, 6, seed: 5).Assignments);
        Assert.True(KMeans.Fit(points, 3, seed: 5).Inertia > result.Inertia);
    }

    [Fact]
    public void Trustworthiness_is_one_for_an_isometric_layout_and_lower_for_a_shuffled_one()
    {
        var (points, _) = ClusteredPoints.Make(3, 30, 2, 1.0, seed: 6);
        var same = Enumerable.Range(0, points.Rows).Select(i => points.Row(i).ToArray()).ToArray();
        Assert.Equal(1.0, Trustworthiness.Score(points, same, 5, ProjectionMetric.Euclidean), 1e-12);
        var shuffled = same.OrderBy(p => p[0] * 7919 % 13).ToArray();
        Assert.True(Trustworthiness.Score(points, shuffled, 5, ProjectionMetric.Euclidean) < 0.9);
    }
}
