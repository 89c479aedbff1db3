using System.Numerics.Tensors;

namespace ResearchKit.Search;

/// <summary>
/// Exact top-k inner-product search by scanning every row on all cores. With L2-normalised rows and queries the
/// scores are cosine similarities. The optional filter is called from several threads at once.
/// </summary>
public sealed class ExactScanner
{
    // One query reads each row once, so blocks only need to be big enough to amortise scheduling.
    private const int ScanBlockBytes = 1 << 20;

    // A batch scores every query against a tile before moving on, so the tile must stay in the per-core L2 cache.
    private const int TileBytes = 192 * 1024;
    private const int MaxTileRows = 1024;

    /// <summary>Creates a scanner over <paramref name="matrix"/>.</summary>
    public ExactScanner(VectorMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Matrix = matrix;
    }

    /// <summary>The vectors searched.</summary>
    public VectorMatrix Matrix { get; }

    /// <summary>
    /// The <paramref name="k"/> rows with the highest inner product with <paramref name="query"/>, best first (ties:
    /// lower row first). Rows for which <paramref name="filter"/> returns false are skipped; fewer than k rows come back
    /// when fewer pass.
    /// </summary>
    public ScoredRow[] Search(ReadOnlySpan<float> query, int k, Func<int, bool>? filter = null)
    {
        Matrix.CheckQuery(query.Length, "query");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0 || Matrix.Rows == 0) return [];
        // Copied because a span cannot be captured by the worker threads; it is one row, negligible next to the scan.
        var q = query.ToArray();
        var blockRows = RowBlockScan.BlockRows(Matrix.Dimension * sizeof(float), ScanBlockBytes);
        var top = RowBlockScan.Run(Matrix.Rows, blockRows, 1, Math.Min(k, Matrix.Rows),
            (start, end, local) => ScoreRows(q, start, end, filter, local[0]));
        return top[0].ToArray();
    }

    /// <summary>
    /// <see cref="Search"/> for many queries at once, reading the matrix once per batch rather than once per query.
    /// Result i belongs to <paramref name="queries"/>[i] and equals what <see cref="Search"/> returns for it.
    /// </summary>
    public ScoredRow[][] SearchBatch(float[][] queries, int k, Func<int, bool>? filter = null)
    {
        Matrix.CheckQueries(queries);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        if (k == 0 || Matrix.Rows == 0 || queries.Length == 0) return EmptyResults(queries.Length);
        var tileRows = RowBlockScan.BlockRows(Matrix.Dimension * sizeof(float), TileBytes, MaxTileRows);
        var tops = RowBlockScan.Run(Matrix.Rows, tileRows, queries.Length, Math.Min(k, Matrix.Rows),
            (start, end, local) => ScoreTile(queries, start, end, filter, local));
        return Array.ConvertAll(tops, t => t.ToArray());
    }

    internal static ScoredRow[][] EmptyResults(int count)
    {
        var results = new ScoredRow[count][];
        Array.Fill(results, []);
        return results;
    }

    private void ScoreRows(float[] query, int start, int end, Func<int, bool>? filter, TopK top)
    {
        var data = Matrix.Data;
        var dim = Matrix.Dimension;
        for (var r = start; r < end; r++)
        {
            if (filter is not null && !filter(r)) continue;
            top.Add(r, TensorPrimitives.Dot(query, new ReadOnlySpan<float>(data, r * dim, dim)));
        }
    }

    private void ScoreTile(float[][] queries, int start, int end, Func<int, bool>? filter, TopK[] tops)
    {
        var data = Matrix.Data;
        var dim = Matrix.Dimension;
        // The filter is asked once per row, not once per (query, row) pair.
        Span<bool> keep = stackalloc bool[end - start];
        for (var r = start; r < end; r++) keep[r - start] = filter is null || filter(r);
        for (var q = 0; q < queries.Length; q++)
        {
            var query = queries[q];
            var top = tops[q];
            for (var r = start; r < end; r++)
            {
                if (!keep[r - start]) continue;
                // Same kernel as Search, so a batch returns bit-identical scores to single queries.
                top.Add(r, TensorPrimitives.Dot(query, new ReadOnlySpan<float>(data, r * dim, dim)));
            }
        }
    }
}
