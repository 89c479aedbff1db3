using System.Numerics.Tensors;
using CsCheck;
using ResearchKit.Search;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// Top-k selection against the obvious oracle: sort everything by score (descending), then row (ascending),
/// drop NaN, take k. Scores come from a handful of values so that ties decide much of the order.
/// </summary>
public sealed class TopKProperties
{
    // Few distinct values (and some NaN): ties between rows are the common case, not a corner.
    private static readonly Gen<float> Score = Gen.Frequency<float>(
        (8, Gen.Int[-4, 4].Select(i => i / 4f)),
        (2, Gen.Float[-1f, 1f]),
        (1, Gen.Const(float.NaN)));

    [Fact]
    public void TopK_keeps_what_a_full_sort_puts_first()
    {
        Gen.Select(Score.Array[0, 400], Gen.Int[0, 60]).Sample((scores, k) =>
        {
            var top = new TopK(k);
            for (var row = 0; row < scores.Length; row++) top.Add(row, scores[row]);
            Assert.Equal(FullSort(scores, k), top.ToArray());
        });
    }

    [Fact]
    public void Merging_partial_selections_equals_one_selection_over_everything()
    {
        Gen.Select(Score.Array[0, 300], Gen.Int[0, 40], Gen.Int[1, 6], Gen.UInt).Sample((scores, k, parts, seed) =>
        {
            var partials = Enumerable.Range(0, parts).Select(_ => new TopK(k)).ToArray();
            var rng = new Random((int)seed);
            for (var row = 0; row < scores.Length; row++) partials[rng.Next(parts)].Add(row, scores[row]);
            var merged = new TopK(k);
            foreach (var partial in partials) merged.Merge(partial);
            Assert.Equal(FullSort(scores, k), merged.ToArray());
        });
    }

    [Fact]
    public void Exact_scan_equals_a_full_sort_of_every_inner_product()
    {
        Gen.Select(SmallIntegerMatrix(24, 300, queries: 1), Gen.Int[0, 40]).Sample((scan, k) =>
        {
            var (matrix, query) = (scan.Matrix, scan.Queries[0]);
            Assert.Equal(FullSort(Scores(matrix, query), k), new ExactScanner(matrix).Search(query, k));
        });
    }

    [Fact]
    public void Exact_scan_with_a_filter_equals_a_full_sort_of_the_rows_it_keeps()
    {
        Gen.Select(SmallIntegerMatrix(16, 200, queries: 1), Gen.Int[0, 30], Gen.Int[1, 4]).Sample((scan, k, modulus) =>
        {
            var (matrix, query) = (scan.Matrix, scan.Queries[0]);
            bool Keep(int row) => row % modulus != 1;
            var scores = Scores(matrix, query);
            for (var r = 0; r < scores.Length; r++) if (!Keep(r)) scores[r] = float.NaN;
            Assert.Equal(FullSort(scores, k), new ExactScanner(matrix).Search(query, k, Keep));
        });
    }

    [Fact]
    public void A_batch_returns_what_each_query_returns_alone()
    {
        Gen.Select(Gen.Int[0, 6].SelectMany(n => SmallIntegerMatrix(16, 200, n)), Gen.Int[0, 25]).Sample((scan, k) =>
        {
            var queries = scan.Queries;
            var scanner = new ExactScanner(scan.Matrix);
            var batch = scanner.SearchBatch(queries, k);
            Assert.Equal(queries.Length, batch.Length);
            for (var q = 0; q < queries.Length; q++) Assert.Equal(scanner.Search(queries[q], k), batch[q]);
        });
    }

    /// <summary>
    /// A matrix and queries of small integers (-2..2): inner products tie exactly and often, and short rows repeat verbatim.
    /// </summary>
    private static Gen<(VectorMatrix Matrix, float[][] Queries)> SmallIntegerMatrix(int maxDimension, int maxRows, int queries)
    {
        var value = Gen.Int[-2, 2].Select(i => (float)i);
        return from dim in Gen.Int[1, maxDimension]
               from rows in Gen.Int[0, maxRows]
               from values in value.Array[rows * dim]
               from query in value.Array[dim].Array[queries]
               select (new VectorMatrix(values, dim), query);
    }

    private static float[] Scores(VectorMatrix matrix, float[] query) =>
        [.. Enumerable.Range(0, matrix.Rows).Select(r => TensorPrimitives.Dot(query, matrix.Row(r)))];

    /// <summary>The oracle: every non-NaN (row, score), best score first, lower row first on a tie, the first k.</summary>
    internal static ScoredRow[] FullSort(float[] scores, int k) =>
        [.. Enumerable.Range(0, scores.Length).Where(r => !float.IsNaN(scores[r])).Select(r => new ScoredRow(r, scores[r]))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Row).Take(k)];
}
