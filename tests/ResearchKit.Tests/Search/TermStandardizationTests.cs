using System.Numerics.Tensors;
using ResearchKit.Embeddings;
using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

/// <summary>Standardised max fusion: the formula, its ranking, and the exactness of the per-term union search.</summary>
public sealed class TermStandardizationTests
{
    private static EmbeddingSpace Space(float[] vectors, int dim) =>
        new(new SpaceIdentity("s", "m", "siglip", "/m", dim, "p", new Dictionary<string, string>()),
            [.. Enumerable.Range(0, vectors.Length / dim).Select(i => $"item{i:D4}")], vectors);

    [Fact]
    public void Scores_are_the_max_of_weighted_z_scores_in_the_first_terms_units()
    {
        const int dim = 16;
        var rng = new Random(3);
        var space = Space(SyntheticVectors.Gaussian(rng, 300, dim), dim);
        var terms = SyntheticVectors.Gaussian(rng, 3, dim).Chunk(dim).ToArray();
        float[] weights = [0.5f, 1f, 0.8f];

        var standardized = TermStandardization.Apply(new QueryVectors(terms, weights), space);

        var stats = terms.Select(t =>
        {
            var c = Enumerable.Range(0, space.Count).Select(r => (double)TensorPrimitives.Dot(t, space.Vector(r))).ToArray();
            var mean = c.Average();
            return (Cos: c, Mean: mean, Spread: Math.Sqrt(c.Select(x => (x - mean) * (x - mean)).Average()));
        }).ToArray();
        for (var r = 0; r < space.Count; r++)
        {
            var z = Enumerable.Range(0, 3).Max(i => weights[i] * (stats[i].Cos[r] - stats[i].Mean) / stats[i].Spread);
            Assert.Equal(stats[0].Mean + stats[0].Spread * z, standardized.Score(space.Vector(r)), 4);
        }
    }

    [Fact]
    public void A_rare_term_is_not_drowned_by_a_term_whose_cosines_run_high_everywhere()
    {
        // Term A scores every item about 0.9 (item 0 a little more); term B scores item 1 at 0.5 and the rest at 0.
        float[] a = [1f, 0f, 0f], b = [0f, 1f, 0f];
        var rows = new List<float[]> { Unit(0.92f, 0.0f, 0.39f), Unit(0.88f, 0.47f, 0.0f) };
        for (var i = 0; i < 20; i++) rows.Add(Unit(0.9f, 0.0f, 0.43f + 0.001f * i));
        var space = Space([.. rows.SelectMany(r => r)], 3);
        var raw = new QueryVectors([a, b], [1f, 1f]);

        var standardized = TermStandardization.Apply(raw, space);

        var rawTop = Enumerable.Range(0, space.Count).MaxBy(r => raw.Score(space.Vector(r)));
        var zTop = Enumerable.Range(0, space.Count).MaxBy(r => standardized.Score(space.Vector(r)));
        Assert.NotEqual(1, rawTop);
        Assert.Equal(1, zTop);
    }

    [Fact]
    public void The_union_of_each_terms_top_k_holds_the_fused_top_k()
    {
        const int dim = 8;
        var rng = new Random(11);
        var space = Space(SyntheticVectors.Gaussian(rng, 500, dim), dim);
        var query = TermStandardization.Apply(new QueryVectors([.. SyntheticVectors.Gaussian(rng, 4, dim).Chunk(dim)], [1f, 0.7f, 0.4f, 0.9f]), space);

        var searched = new SpaceSearcher(space).Search(query, 10, null, quantized: false);

        var exhaustive = Enumerable.Range(0, space.Count).OrderByDescending(r => query.Score(space.Vector(r))).Take(10).Select(r => space.Ids[r]);
        Assert.Equal(exhaustive, searched.Select(r => r.Id));
    }

    [Fact]
    public void A_single_vector_is_left_alone()
    {
        var space = Space(SyntheticVectors.Gaussian(new Random(1), 10, 4), 4);
        var single = QueryVectors.Single([1f, 0f, 0f, 0f]);

        Assert.Same(single, TermStandardization.Apply(single, space));
        Assert.True(single.IsPlain);
    }

    private static float[] Unit(float x, float y, float z)
    {
        var n = MathF.Sqrt(x * x + y * y + z * z);
        return [x / n, y / n, z / n];
    }
}
