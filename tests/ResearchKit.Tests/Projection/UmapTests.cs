using ResearchKit.Projection;
using ResearchKit.Search;

namespace ResearchKit.Tests.Projection;

public class UmapTests
{
    [Fact]
    public void Curve_fit_matches_the_published_parameters_for_the_default_min_dist()
    {
        // umap-learn's find_ab_params gives a = 1.577, b = 0.895 for min_dist 0.1, spread 1.
        var curve = UmapCurve.Fit(0.1, 1.0);
        Assert.Equal(1.577, curve.A, 0.02);
        Assert.Equal(0.895, curve.B, 0.01);
        var wider = UmapCurve.Fit(0.5, 1.0);
        Assert.True(wider.B > curve.B, "a larger min_dist flattens the curve's start, which needs a larger b");
    }

    [Fact]
    public void Layout_preserves_neighbourhoods_better_than_pca_on_clustered_data()
    {
        var (points, _) = ClusteredPoints.Make(clusters: 20, perCluster: 30, dimension: 50, spread: 1.0, seed: 3);
        var options = new UmapOptions { Metric = ProjectionMetric.Euclidean, Epochs = 200 };
        var umap = Umap.Fit(points, options);
        var pca = PrincipalComponents.Fit(points, 2).Transform(points);

        var umapScore = Trustworthiness.Score(points, umap, 10, ProjectionMetric.Euclidean);
        var pcaScore = Trustworthiness.Score(points, pca, 10, ProjectionMetric.Euclidean);
        Assert.True(umapScore > pcaScore + 0.02, $"UMAP trustworthiness {umapScore:F3} should beat PCA's {pcaScore:F3}");
        Assert.True(umapScore > 0.85, $"UMAP trustworthiness {umapScore:F3}");
    }

    [Fact]
    public void Same_seed_gives_the_same_layout_and_another_seed_a_different_one()
    {
        var (points, _) = ClusteredPoints.Make(4, 40, 16, 1.0, seed: 9);
        var options = new UmapOptions { Metric = ProjectionMetric.Euclidean, Epochs = 60 };
        var first = Umap.Fit(points, options);
        var second = Umap.Fit(points, options);
        var other = Umap.Fit(points, options with { Seed = 7 });
        Assert.Equal(first.SelectMany(p => p), second.SelectMany(p => p));
        Assert.NotEqual(first.SelectMany(p => p), other.SelectMany(p => p));
        Assert.All(first, p => Assert.All(p, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void Separated_clusters_stay_apart_in_the_layout()
    {
        var (points, labels) = ClusteredPoints.Make(5, 50, 30, 0.5, seed: 21);
        var layout = Umap.Fit(points, new UmapOptions { Metric = ProjectionMetric.Euclidean, Epochs = 200 });
        // Each point's nearest layout neighbour should share its cluster.
        var agree = 0;
        for (var i = 0; i < layout.Length; i++)
        {
            var nearest = Enumerable.Range(0, layout.Length).Where(j => j != i)
                .MinBy(j => Math.Pow(layout[i][0] - layout[j][0], 2) + Math.Pow(layout[i][1] - layout[j][1], 2));
            if (labels[nearest] == labels[i]) agree++;
        }
        Assert.True(agree >= 0.97 * layout.Length, $"{agree} of {layout.Length} nearest layout neighbours share a cluster");
    }

    [Fact]
    public void Bad_settings_are_refused_with_the_field_named()
    {
        var (points, _) = ClusteredPoints.Make(2, 5, 4, 1.0, seed: 1);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Umap.Fit(points, new UmapOptions { Neighbors = 50 }));
        Assert.Equal("Neighbors", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => UmapCurve.Fit(2.0, 1.0));
    }

    [Fact]
    public void Cosine_metric_works_on_normalised_embeddings()
    {
        var vectors = new VectorMatrix(Tests.Search.SyntheticVectors.Gaussian(new Random(5), 200, 32), 32);
        var layout = Umap.Fit(vectors, new UmapOptions { Epochs = 50 });
        Assert.Equal(200, layout.Length);
        Assert.All(layout, p => Assert.Equal(2, p.Length));
    }
}
