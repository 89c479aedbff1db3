namespace ResearchKit.Projection;

/// <summary>The k closest neighbours proposed so far for one point, as a max-heap on distance, with NN-descent's "new" flags.</summary>
internal sealed class NeighborHeap
{
    private readonly int[] _index;
    private readonly float[] _distance;
    private readonly bool[] _isNew;

    public NeighborHeap(int k)
    {
        _index = new int[k];
        _distance = new float[k];
        _isNew = new bool[k];
    }

    public int Count { get; private set; }

    /// <summary>Keeps <paramref name="point"/> if it is closer than the farthest kept one and not already kept.</summary>
    public bool TryPush(int point, float distance, bool isNew)
    {
        var k = _index.Length;
        if (Count == k && distance >= _distance[0]) return false;
        for (var i = 0; i < Count; i++) if (_index[i] == point) return false;
        if (Count < k)
        {
            var slot = Count++;
            Set(slot, point, distance, isNew);
            SiftUp(slot);
        }
        else
        {
            Set(0, point, distance, isNew);
            SiftDown(0);
        }
        return true;
    }

    public IEnumerable<(int Point, bool IsNew)> Entries()
    {
        for (var i = 0; i < Count; i++) yield return (_index[i], _isNew[i]);
    }

    public void MarkAllOld() => Array.Clear(_isNew);

    /// <summary>Writes the kept neighbours nearest first.</summary>
    public void WriteSorted(Span<int> indices, Span<float> distances)
    {
        var order = Enumerable.Range(0, Count).OrderBy(i => _distance[i]).ThenBy(i => _index[i]).ToArray();
        for (var r = 0; r < order.Length; r++)
        {
            indices[r] = _index[order[r]];
            distances[r] = _distance[order[r]];
        }
    }

    private void Set(int slot, int point, float distance, bool isNew)
    {
        _index[slot] = point;
        _distance[slot] = distance;
        _isNew[slot] = isNew;
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (_distance[parent] >= _distance[i]) return;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, largest = i;
            if (left < Count && _distance[left] > _distance[largest]) largest = left;
            if (right < Count && _distance[right] > _distance[largest]) largest = right;
            if (largest == i) return;
            Swap(i, largest);
            i = largest;
        }
    }

    private void Swap(int a, int b)
    {
        (_index[a], _index[b]) = (_index[b], _index[a]);
        (_distance[a], _distance[b]) = (_distance[b], _distance[a]);
        (_isNew[a], _isNew[b]) = (_isNew[b], _isNew[a]);
    }
}
