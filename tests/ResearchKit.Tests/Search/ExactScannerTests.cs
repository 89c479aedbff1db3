using System.Numerics.Tensors;
using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

public sealed class ExactScannerTests
{
    /// <summary>The definition the scanner must match: score every row, sort by (score desc, row asc), take k.</summary>
    internal static ScoredRow[] FullSort(VectorMatrix matrix, float[] query, int k, Func<int, bool>? filter = null) =>
        Enumerable.Range(0, matrix.Rows)
            .Where(r => filter?.Invoke(r) ?? true)
            .Select(r => new ScoredRow(r, TensorPrimitives.Dot(query, matrix.Row(r))))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Row)
            .Take(k)
            .ToArray();

    [Fact]
    public void Top_k_equals_a_full_sort_over_many_random_cases()
    {
        for (var seed = 0; seed < 120; seed++)
        {
            var rng = new Random(seed);
            // Mostly small cases; every fourth is big enough (over 1 MiB) to be split across cores and merged.
            var big = seed % 4 == 0;
            var n = big ? rng.Next(5_000, 9_000) : rng.Next(0, 300);
            var dim = big ? rng.Next(56, 97) : rng.Next(1, 40);
            var matrix = new VectorMatrix(SyntheticVectors.TieHeavy(rng, n, dim), dim);
            var k = (seed % 5) switch { 0 => n + rng.Next(1, 10), 1 => n, 2 => 1, _ => rng.Next(1, Math.Max(2, n / 3)) };
            Func<int, bool>? filter = seed % 3 == 0 ? r => r % 3 != 1 : null;
            var queries = Enumerable.Range(0, 3).Select(_ => SyntheticVectors.TieHeavy(rng, 1, dim)).ToArray();
            var scanner = new ExactScanner(matrix);

            var batch = scanner.SearchBatch(queries, k, filter);
            Assert.Equal(queries.Length, batch.Length);
            for (var q = 0; q < queries.Length; q++)
            {
                var expected = FullSort(matrix, queries[q], k, filter);
                Assert.Equal(expected, scanner.Search(queries[q], k, filter));
                Assert.Equal(expected, batch[q]);
            }
        }
    }

    [Fact]
    public void Filtered_out_rows_never_come_back()
    {
        var rng = new Random(3);
        var matrix = new VectorMatrix(SyntheticVectors.Gaussian(rng, 3000, 64), 64);
        var scanner = new ExactScanner(matrix);
        var query = SyntheticVectors.Gaussian(rng, 1, 64);
        var hits = scanner.Search(query, 3000, r => r % 10 == 0);
        Assert.Equal(300, hits.Length);
        Assert.All(hits, h => Assert.Equal(0, h.Row % 10));
        Assert.Empty(scanner.Search(query, 10, _ => false));
        Assert.All(scanner.SearchBatch([query, query], 10, _ => false), Assert.Empty);
    }

    [Fact]
    public void Zero_k_returns_nothing_and_negative_k_is_rejected()
    {
        var matrix = new VectorMatrix([1f, 0f, 0f, 1f], 2);
        var scanner = new ExactScanner(matrix);
        Assert.Empty(scanner.Search([1f, 0f], 0));
        Assert.All(scanner.SearchBatch([[1f, 0f]], 0), Assert.Empty);
        Assert.Empty(scanner.SearchBatch([], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => scanner.Search([1f, 0f], -1));
        Assert.Empty(new ExactScanner(new VectorMatrix([], 2)).Search([1f, 0f], 3));
    }

    [Fact]
    public void A_query_of_the_wrong_dimension_names_both_dimensions_and_the_fix()
    {
        var scanner = new ExactScanner(new VectorMatrix(new float[4 * 3], 4));
        var e = Assert.Throws<DimensionMismatchException>(() => scanner.Search(new float[3], 1));
        Assert.Equal(("query", 4, 3), (e.Field, e.Expected, e.Actual));
        Assert.Contains("same model", e.Message);
        Assert.IsAssignableFrom<ResearchKitException>(e);

        var b = Assert.Throws<DimensionMismatchException>(() => scanner.SearchBatch([new float[4], new float[5]], 1));
        Assert.Equal(("queries[1]", 4, 5), (b.Field, b.Expected, b.Actual));
    }

    [Fact]
    public void Matrix_rejects_a_partial_row_and_copies_its_input()
    {
        var e = Assert.Throws<ArgumentException>(() => new VectorMatrix(new float[7], 3));
        Assert.Contains("values", e.Message);

        float[] values = [1f, 2f, 3f, 4f];
        var matrix = new VectorMatrix(values, 2);
        values[2] = 99f;
        Assert.Equal((2, 2), (matrix.Rows, matrix.Dimension));
        Assert.Equal([3f, 4f], matrix.Row(1).ToArray());
        Assert.Equal(16, matrix.SizeInBytes);
    }
}
