namespace ResearchKit.Search;

/// <summary>
/// Splits rows into blocks scored on all cores; each worker fills its own top-k selections and they are merged
/// once at the end, so threads never contend on a shared selection during the scan.
/// </summary>
internal static class RowBlockScan
{
    /// <summary>Rows per block so that one block holds about <paramref name="targetBytes"/> of row data.</summary>
    public static int BlockRows(int bytesPerRow, int targetBytes, int maxRows = int.MaxValue) =>
        Math.Clamp(targetBytes / Math.Max(1, bytesPerRow), 1, maxRows);

    /// <summary>
    /// Calls <paramref name="scoreBlock"/>(start, end, selections) for every block of rows and returns the merged
    /// selections, one per query. Merge order does not matter: the ranking is a total order on distinct rows.
    /// </summary>
    public static TopK[] Run(int rows, int blockRows, int queries, int k, Action<int, int, TopK[]> scoreBlock)
    {
        var merged = NewSelections(queries, k);
        var blocks = (int)(((long)rows + blockRows - 1) / blockRows);
        if (blocks <= 1)
        {
            // Small inputs: thread start-up would cost more than the scan.
            scoreBlock(0, rows, merged);
            return merged;
        }
        var gate = new object();
        Parallel.For(0, blocks,
            () => NewSelections(queries, k),
            (block, _, local) =>
            {
                var start = block * blockRows;
                scoreBlock(start, (int)Math.Min(rows, (long)start + blockRows), local);
                return local;
            },
            local =>
            {
                lock (gate)
                {
                    for (var q = 0; q < queries; q++) merged[q].Merge(local[q]);
                }
            });
        return merged;
    }

    private static TopK[] NewSelections(int queries, int k)
    {
        var selections = new TopK[queries];
        for (var q = 0; q < queries; q++) selections[q] = new TopK(k);
        return selections;
    }
}
