using System.Runtime.CompilerServices;

namespace ResearchKit.Search;

/// <summary>
/// The k best (row, score) pairs seen so far, ranked by score descending and then row ascending.
/// Not thread-safe: give each thread its own and combine them with <see cref="Merge"/>.
/// </summary>
public sealed class TopK
{
    // Grown on demand so that a huge k (callers may pass k > rows) costs nothing up front.
    private const int InitialCapacity = 64;

    // Min-heap in rank order: _heap[0] is the kept pair that ranks lowest, the one a newcomer must beat.
    private ScoredRow[] _heap;

    /// <summary>Creates an empty selection that keeps at most <paramref name="k"/> pairs.</summary>
    public TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        K = k;
        _heap = new ScoredRow[Math.Min(k, InitialCapacity)];
    }

    /// <summary>The most pairs kept.</summary>
    public int K { get; }

    /// <summary>Pairs kept so far (at most <see cref="K"/>).</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Offers a pair; returns whether it was kept. NaN scores are never kept, since they rank against nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Add(int row, float score)
    {
        if (Count < K) return Push(row, score);
        if (K == 0) return false;
        // Fast reject first: in a long scan almost every candidate falls below the current k-th score.
        var worst = _heap[0];
        if (score < worst.Score || (score == worst.Score && row > worst.Row) || float.IsNaN(score)) return false;
        ReplaceWorst(new ScoredRow(row, score));
        return true;
    }

    /// <summary>Folds another selection's pairs into this one, e.g. the partial top-k of another thread.</summary>
    public void Merge(TopK other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < other.Count; i++) Add(other._heap[i].Row, other._heap[i].Score);
    }

    /// <summary>The kept pairs, best first.</summary>
    public ScoredRow[] ToArray()
    {
        var result = _heap.AsSpan(0, Count).ToArray();
        Array.Sort(result, ScoredRow.CompareByRank);
        return result;
    }

    private bool Push(int row, float score)
    {
        if (float.IsNaN(score)) return false;
        if (Count == _heap.Length) Array.Resize(ref _heap, (int)Math.Min(K, 2L * _heap.Length));
        var i = Count++;
        var item = new ScoredRow(row, score);
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!RanksBelow(item, _heap[parent])) break;
            _heap[i] = _heap[parent];
            i = parent;
        }
        _heap[i] = item;
        return true;
    }

    private void ReplaceWorst(ScoredRow item)
    {
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && RanksBelow(_heap[child + 1], _heap[child])) child++;
            if (!RanksBelow(_heap[child], item)) break;
            _heap[i] = _heap[child];
            i = child;
        }
        _heap[i] = item;
    }

    private static bool RanksBelow(ScoredRow a, ScoredRow b) =>
        a.Score < b.Score || (a.Score == b.Score && a.Row > b.Row);
}
