using ResearchKit.Search;

namespace ResearchKit.Projection;

/// <summary>
/// Approximate k-nearest-neighbour graph by NN-descent (Dong, Charikar and Li, 2011): a neighbour of a neighbour
/// is likely a neighbour, so each round compares points that share a neighbour and keeps what improves. Local joins
/// run in parallel under per-point locks; the kept set is the k smallest distances proposed, whatever the order, so
/// results are repeatable for a seed (up to exact distance ties).
/// </summary>
public static class NeighborDescent
{
    /// <summary>The approximate k nearest rows of every row; cancelling stops it within a round.</summary>
    public static NeighborGraph Build(VectorMatrix points, int k, ProjectionMetric metric, int seed, int maxRounds = 12, double stopFraction = 0.001,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Rows;
        ExactNeighbors.CheckK(n, k);
        var heaps = new NeighborHeap[n];
        var random = new Random(seed);
        for (var i = 0; i < n; i++)
        {
            heaps[i] = new NeighborHeap(k);
            while (heaps[i].Count < k)
            {
                var j = random.Next(n);
                if (j != i) heaps[i].TryPush(j, PointDistance.Between(points.Row(i), points.Row(j), metric), isNew: true);
            }
        }

        for (var round = 0; round < maxRounds; round++)
        {
            var (fresh, old) = SampleCandidates(heaps, k, new Random(seed + 7919 * (round + 1)));
            long updates = 0;
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, () => 0L, (i, _, local) =>
            {
                var newList = fresh[i];
                var oldList = old[i];
                for (var a = 0; a < newList.Count; a++)
                {
                    var u = newList[a];
                    for (var b = a + 1; b < newList.Count; b++) local += Join(u, newList[b]);
                    foreach (var v in oldList) local += Join(u, v);
                }
                return local;
            }, local => Interlocked.Add(ref updates, local));
            if (updates <= stopFraction * n * k) break;
        }

        var indices = new int[n * k];
        var distances = new float[n * k];
        for (var i = 0; i < n; i++) heaps[i].WriteSorted(indices.AsSpan(i * k, k), distances.AsSpan(i * k, k));
        return new NeighborGraph(n, k, indices, distances);

        int Join(int u, int v)
        {
            if (u == v) return 0;
            var d = PointDistance.Between(points.Row(u), points.Row(v), metric);
            var changed = 0;
            lock (heaps[u]) changed += heaps[u].TryPush(v, d, isNew: true) ? 1 : 0;
            lock (heaps[v]) changed += heaps[v].TryPush(u, d, isNew: true) ? 1 : 0;
            return changed;
        }
    }

    // New candidates (not yet joined) and old ones, forward and reverse, each list capped at k by a seeded shuffle.
    private static (List<int>[] Fresh, List<int>[] Old) SampleCandidates(NeighborHeap[] heaps, int k, Random random)
    {
        var n = heaps.Length;
        var fresh = new List<int>[n];
        var old = new List<int>[n];
        for (var i = 0; i < n; i++) { fresh[i] = []; old[i] = []; }
        for (var i = 0; i < n; i++)
        {
            foreach (var (j, isNew) in heaps[i].Entries())
            {
                if (isNew) { fresh[i].Add(j); fresh[j].Add(i); }
                else { old[i].Add(j); old[j].Add(i); }
            }
            heaps[i].MarkAllOld();
        }
        for (var i = 0; i < n; i++)
        {
            Cap(fresh[i], k, random);
            Cap(old[i], k, random);
        }
        return (fresh, old);
    }

    private static void Cap(List<int> list, int k, Random random)
    {
        // Distinct first: a pair can arrive both forward and reverse.
        var distinct = list.Distinct().ToList();
        list.Clear();
        list.AddRange(distinct);
        if (list.Count <= k) return;
        for (var i = 0; i < k; i++)
        {
            var j = i + random.Next(list.Count - i);
            (list[i], list[j]) = (list[j], list[i]);
        }
        list.RemoveRange(k, list.Count - k);
    }
}
