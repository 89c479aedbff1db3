using System.Numerics.Tensors;
using CsCheck;
using ResearchKit.Search;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// The int8 scan picks a shortlist that is re-scored exactly, so its results may differ from the exact top-k only
/// where int8 rounding can reorder rows. These properties bound that difference by the quantisation error, which
/// is computed here from the values alone (scale = max|x| / 127, error at most half a step per component).
/// </summary>
public sealed class Int8ShortlistProperties
{
    // Clustered unit vectors, shaped like embeddings: near neighbours close together, so rounding matters.
    private static readonly Gen<(VectorMatrix Matrix, float[] Query)> Embeddings =
        from dim in Gen.Int[1, 48]
        from rows in Gen.Int[0, 400]
        from clusters in Gen.Int[1, 8]
        from spread in Gen.Float[0.01f, 1f]
        from seed in Gen.Int
        select Clustered(dim, rows, clusters, spread, seed);

    private static readonly Gen<Int8SearchOptions> Shortlists =
        from factor in Gen.Int[1, 12]
        from minimum in Gen.Int[0, 150]
        select new Int8SearchOptions { ShortlistFactor = factor, MinimumShortlist = minimum };

    [Fact]
    public void Results_carry_exact_scores_best_first_without_repeats()
    {
        Gen.Select(Embeddings, Gen.Int[0, 30], Shortlists).Sample((scan, k, options) =>
        {
            var results = new Int8Scanner(scan.Matrix, options).Search(scan.Query, k);
            Assert.Equal(Math.Min(k, scan.Matrix.Rows), results.Length);
            Assert.Equal(results.Length, results.Select(r => r.Row).Distinct().Count());
            foreach (var result in results) Assert.Equal(TensorPrimitives.Dot(scan.Query, scan.Matrix.Row(result.Row)), result.Score);
            Assert.Equal(results.OrderBy(r => r, Comparer<ScoredRow>.Create(ScoredRow.CompareByRank)), results);
        });
    }

    [Fact]
    public void A_shortlist_that_covers_every_row_returns_the_exact_top_k()
    {
        Gen.Select(Embeddings, Gen.Int[0, 30]).Sample((scan, k) =>
        {
            var everything = new Int8SearchOptions { MinimumShortlist = scan.Matrix.Rows };
            Assert.Equal(new ExactScanner(scan.Matrix).Search(scan.Query, k), new Int8Scanner(scan.Matrix, everything).Search(scan.Query, k));
        });
    }

    [Fact]
    public void An_exact_top_k_row_is_missed_only_when_shortlist_many_rows_come_within_the_rounding_error()
    {
        Gen.Select(Embeddings, Gen.Int[1, 30], Shortlists).Sample((scan, k, options) =>
        {
            var (matrix, query) = scan;
            var shortlist = (int)Math.Min(matrix.Rows, Math.Max((long)options.ShortlistFactor * k, options.MinimumShortlist));
            var returned = new Int8Scanner(matrix, options).Search(query, k).Select(r => r.Row).ToHashSet();
            var exact = Enumerable.Range(0, matrix.Rows).Select(r => (double)TensorPrimitives.Dot(query, matrix.Row(r))).ToArray();
            var bounds = Enumerable.Range(0, matrix.Rows).Select(r => RoundingBound(query, matrix.Row(r))).ToArray();
            foreach (var missed in new ExactScanner(matrix).Search(query, k).Where(r => !returned.Contains(r.Row)))
            {
                // To push a row out of the shortlist, `shortlist` others must outscore it in int8, so each of them
                // is exactly within both rounding errors of it.
                var rivals = Enumerable.Range(0, matrix.Rows).Count(r => r != missed.Row && exact[r] >= exact[missed.Row] - bounds[r] - bounds[missed.Row]);
                Assert.True(rivals >= shortlist,
                    $"row {missed.Row} (score {exact[missed.Row]}) is in the exact top {k} but not returned, though only {rivals} rows come within the int8 error of it (shortlist {shortlist})");
            }
        });
    }

    [Fact]
    public void A_batch_returns_what_each_query_returns_alone()
    {
        Gen.Select(Embeddings, Gen.Int[0, 20], Gen.Int[0, 5]).Sample((scan, k, extra) =>
        {
            var scanner = new Int8Scanner(scan.Matrix);
            var queries = new[] { scan.Query }.Concat(Enumerable.Range(0, Math.Min(extra, scan.Matrix.Rows)).Select(r => scan.Matrix.Row(r).ToArray())).ToArray();
            var batch = scanner.SearchBatch(queries, k);
            for (var q = 0; q < queries.Length; q++) Assert.Equal(scanner.Search(queries[q], k), batch[q]);
        });
    }

    /// <summary>
    /// The most an int8 score can differ from the float score: with x = sx·qx + dx, |dx| ≤ sx/2 per component (and
    /// likewise y), x·y − sx·sy·(qx·qy) = Σ (sx·qx·dy + sy·qy·dx + dx·dy), bounded term by term, plus float slack.
    /// Half of it is charged to each side, so two rows' bounds add up to the error of their difference.
    /// </summary>
    private static double RoundingBound(float[] query, ReadOnlySpan<float> row)
    {
        var sq = MaxAbs(query) / 127.0;
        var sr = MaxAbs(row) / 127.0;
        var bound = 0.0;
        for (var i = 0; i < query.Length; i++)
            bound += Math.Abs(query[i]) * sr / 2 + Math.Abs(row[i]) * sq / 2 + sq * sr / 4;
        return bound + 1e-5;
    }

    private static double MaxAbs(ReadOnlySpan<float> values)
    {
        var max = 0.0;
        foreach (var v in values) max = Math.Max(max, Math.Abs(v));
        return max;
    }

    private static (VectorMatrix, float[]) Clustered(int dim, int rows, int clusters, float spread, int seed)
    {
        var rng = new Random(seed);
        var (values, centers) = SyntheticVectors.Clustered(rng, rows, dim, clusters, spread);
        return (new VectorMatrix(values, dim), SyntheticVectors.Near(rng, centers[rng.Next(clusters)], spread));
    }
}
