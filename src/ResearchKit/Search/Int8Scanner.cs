using System.Numerics.Tensors;

namespace ResearchKit.Search;

/// <summary>
/// Approximate-then-exact top-k search: an int8 scan (a quarter of the memory traffic of float32) picks a shortlist,
/// which is re-scored with the float32 vectors, so returned scores are exact and only recall is approximate.
/// The optional filter is called from several threads at once.
/// </summary>
public sealed class Int8Scanner
{
    private const int ScanBlockBytes = 1 << 20;
    private const int TileBytes = 128 * 1024;
    private const int MaxTileRows = 2048;

    /// <summary>Quantises <paramref name="matrix"/> (all cores) and keeps it for exact re-scoring.</summary>
    public Int8Scanner(VectorMatrix matrix, Int8SearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Options = options ?? new Int8SearchOptions();
        Options.Validate();
        Matrix = matrix;
        Quantized = Int8Matrix.Quantize(matrix);
    }

    /// <summary>The float32 vectors used for re-scoring.</summary>
    public VectorMatrix Matrix { get; }

    /// <summary>The int8 copy scanned for the shortlist.</summary>
    public Int8Matrix Quantized { get; }

    /// <summary>Shortlist sizing.</summary>
    public Int8SearchOptions Options { get; }

    /// <summary>
    /// The <paramref name="k"/> best rows for <paramref name="query"/> among the int8 shortlist, best first, with exact
    /// float32 inner-product scores. Rows for which <paramref name="filter"/> returns false are skipped.
    /// </summary>
    public ScoredRow[] Search(ReadOnlySpan<float> query, int k, Func<int, bool>? filter = null)
    {
        Matrix.CheckQuery(query.Length, "query");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0 || Matrix.Rows == 0) return [];
        var q = query.ToArray();
        var quantized = QuantizedQuery.From(q);
        var blockRows = RowBlockScan.BlockRows(Matrix.Dimension, ScanBlockBytes);
        var shortlist = RowBlockScan.Run(Matrix.Rows, blockRows, 1, Options.ShortlistSize(k, Matrix.Rows),
            (start, end, local) => ScoreRows(quantized, start, end, filter, local[0]));
        return Rescore(q, shortlist[0], k);
    }

    /// <summary><see cref="Search"/> for many queries, reading the int8 matrix once per batch.</summary>
    public ScoredRow[][] SearchBatch(float[][] queries, int k, Func<int, bool>? filter = null)
    {
        Matrix.CheckQueries(queries);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0 || Matrix.Rows == 0 || queries.Length == 0) return ExactScanner.EmptyResults(queries.Length);
        var quantized = Array.ConvertAll(queries, q => QuantizedQuery.From(q));
        var tileRows = RowBlockScan.BlockRows(Matrix.Dimension, TileBytes, MaxTileRows);
        var shortlists = RowBlockScan.Run(Matrix.Rows, tileRows, queries.Length, Options.ShortlistSize(k, Matrix.Rows),
            (start, end, local) => ScoreTile(quantized, start, end, filter, local));
        var results = new ScoredRow[queries.Length][];
        Parallel.For(0, queries.Length, q => results[q] = Rescore(queries[q], shortlists[q], k));
        return results;
    }

    private ScoredRow[] Rescore(float[] query, TopK shortlist, int k)
    {
        var top = new TopK(k);
        foreach (var candidate in shortlist.ToArray())
            top.Add(candidate.Row, TensorPrimitives.Dot(query, Matrix.Row(candidate.Row)));
        return top.ToArray();
    }

    private void ScoreRows(QuantizedQuery query, int start, int end, Func<int, bool>? filter, TopK top)
    {
        var data = Quantized.Data;
        var scales = Quantized.Scales;
        var sums = Quantized.RowSums;
        var dim = Quantized.Dimension;
        for (var r = start; r < end; r++)
        {
            if (filter is not null && !filter(r)) continue;
            var dot = query.Dot(new ReadOnlySpan<sbyte>(data, r * dim, dim), sums[r]);
            top.Add(r, query.Scale * scales[r] * dot);
        }
    }

    private void ScoreTile(QuantizedQuery[] queries, int start, int end, Func<int, bool>? filter, TopK[] tops)
    {
        Span<bool> keep = stackalloc bool[end - start];
        for (var r = start; r < end; r++) keep[r - start] = filter is null || filter(r);
        var data = Quantized.Data;
        var scales = Quantized.Scales;
        var sums = Quantized.RowSums;
        var dim = Quantized.Dimension;
        for (var q = 0; q < queries.Length; q++)
        {
            var query = queries[q];
            var top = tops[q];
            for (var r = start; r < end; r++)
            {
                if (!keep[r - start]) continue;
                var dot = query.Dot(new ReadOnlySpan<sbyte>(data, r * dim, dim), sums[r]);
                top.Add(r, query.Scale * scales[r] * dot);
            }
        }
    }
}
