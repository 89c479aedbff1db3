using System.Numerics.Tensors;
using ResearchKit.Search;
using Xunit.Abstractions;

namespace ResearchKit.Tests.Search;

/// <summary>20,000 x 128 unit vectors in 50 Gaussian clusters and 200 queries near cluster centres, built once.</summary>
public sealed class ClusteredSpace
{
    public ClusteredSpace()
    {
        var rng = new Random(2024);
        var (rows, centers) = SyntheticVectors.Clustered(rng, 20_000, 128, clusters: 50, spread: 1.0f);
        Matrix = new VectorMatrix(rows, 128);
        Queries = Enumerable.Range(0, 200).Select(i => SyntheticVectors.Near(rng, centers[i % centers.Length], 0.5f)).ToArray();
        Exact = new ExactScanner(Matrix).SearchBatch(Queries, 10);
        Int8 = new Int8Scanner(Matrix);
    }

    public VectorMatrix Matrix { get; }
    public float[][] Queries { get; }
    public ScoredRow[][] Exact { get; }
    public Int8Scanner Int8 { get; }
}

public sealed class Int8ScannerTests(ClusteredSpace space, ITestOutputHelper output) : IClassFixture<ClusteredSpace>
{
    [Fact]
    public void Recall_at_10_against_exact_is_at_least_0_99()
    {
        var approx = space.Int8.SearchBatch(space.Queries, 10);
        var found = 0;
        for (var q = 0; q < space.Queries.Length; q++)
            found += approx[q].Select(h => h.Row).Intersect(space.Exact[q].Select(h => h.Row)).Count();
        var recall = found / (10.0 * space.Queries.Length);
        output.WriteLine($"int8 recall@10 = {recall:F4} over {space.Queries.Length} queries");
        Assert.True(recall >= 0.99, $"int8 recall@10 was {recall:F4}, below 0.99");
    }

    [Fact]
    public void Returned_scores_are_the_exact_float32_scores_and_batch_matches_single()
    {
        var batch = space.Int8.SearchBatch(space.Queries[..20], 10);
        for (var q = 0; q < 20; q++)
        {
            var single = space.Int8.Search(space.Queries[q], 10);
            Assert.Equal(single, batch[q]);
            Assert.Equal(10, single.Length);
            foreach (var hit in single)
                Assert.Equal(TensorPrimitives.Dot(space.Queries[q], space.Matrix.Row(hit.Row)), hit.Score);
            Assert.Equal(single.OrderBy(h => h, Comparer<ScoredRow>.Create(ScoredRow.CompareByRank)), single);
        }
    }

    [Fact]
    public void Filter_is_respected_and_a_full_shortlist_is_exact()
    {
        Func<int, bool> even = r => r % 2 == 0;
        var hits = space.Int8.Search(space.Queries[0], 10, even);
        Assert.All(hits, h => Assert.Equal(0, h.Row % 2));
        Assert.All(space.Int8.SearchBatch(space.Queries[..3], 10, even), b => Assert.All(b, h => Assert.Equal(0, h.Row % 2)));

        // Re-scoring every row leaves nothing approximate, so the answer must equal the full sort.
        var everything = new Int8Scanner(new VectorMatrix(SyntheticVectors.TieHeavy(new Random(5), 500, 16), 16),
            new Int8SearchOptions { MinimumShortlist = 500 });
        var query = SyntheticVectors.TieHeavy(new Random(6), 1, 16);
        Assert.Equal(ExactScannerTests.FullSort(everything.Matrix, query, 20, even), everything.Search(query, 20, even));
    }

    [Fact]
    public void Wrong_dimension_bad_k_and_bad_options_are_rejected()
    {
        var e = Assert.Throws<DimensionMismatchException>(() => space.Int8.Search(new float[64], 10));
        Assert.Equal((128, 64), (e.Expected, e.Actual));
        Assert.Throws<DimensionMismatchException>(() => space.Int8.SearchBatch([space.Queries[0], new float[3]], 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => space.Int8.Search(space.Queries[0], -1));
        Assert.Empty(space.Int8.Search(space.Queries[0], 0));
        var matrix = new VectorMatrix(new float[8], 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Int8Scanner(matrix, new Int8SearchOptions { ShortlistFactor = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Int8Scanner(matrix, new Int8SearchOptions { MinimumShortlist = -1 }));
    }

    [Fact]
    public void Rows_are_quantised_symmetrically_per_row()
    {
        var q = Int8Matrix.Quantize(new VectorMatrix([0.5f, -1f, 0.25f, 0.004f, 0f, 0f, 0f, 0f], 4));
        Assert.Equal(1f / 127f, q.Scale(0));
        Assert.Equal(new sbyte[] { 64, -127, 32, 1 }, q.Row(0).ToArray());
        Assert.Equal(0f, q.Scale(1));
        Assert.Equal(new sbyte[4], q.Row(1).ToArray());
        Assert.Equal(8 + 2 * sizeof(float), q.SizeInBytes);
    }

    [Fact]
    public void Integer_dot_product_matches_scalar_for_every_length()
    {
        var rng = new Random(9);
        for (var n = 0; n <= 200; n++)
        {
            var row = Enumerable.Range(0, n).Select(_ => (sbyte)rng.Next(-127, 128)).ToArray();
            var query = Enumerable.Range(0, n).Select(_ => (short)rng.Next(-127, 128)).ToArray();
            var expected = 0;
            for (var i = 0; i < n; i++) expected += row[i] * query[i];
            Assert.Equal(expected, Int8DotProduct.Dot(row, query));
        }
    }

    [Fact]
    public void Offset_byte_kernel_matches_scalar_for_every_length_and_extreme_values()
    {
        var rng = new Random(10);
        for (var n = 0; n <= 300; n++)
        {
            // Every third length uses only the extremes, where an offset or saturation slip would show.
            var row = Enumerable.Range(0, n).Select(_ => (sbyte)(n % 3 == 0 ? (rng.Next(2) == 0 ? -127 : 127) : rng.Next(-127, 128))).ToArray();
            var query = Enumerable.Range(0, n).Select(_ => (sbyte)(n % 3 == 0 ? (rng.Next(2) == 0 ? -127 : 127) : rng.Next(-127, 128))).ToArray();
            var expected = 0;
            for (var i = 0; i < n; i++) expected += row[i] * query[i];
            var offset = Array.ConvertAll(query, b => (byte)(b + 128));
            Assert.Equal(expected, Int8DotProduct.DotOffset(row, offset) - 128 * row.Sum(v => v));
        }
    }
}
