namespace ResearchKit.Search.Expansion;

/// <summary>
/// Optimal-string-alignment distance (restricted Damerau–Levenshtein: insert, delete, substitute, swap adjacent
/// characters, each costing 1) with a cap, computed only in the diagonal band the cap allows.
/// </summary>
internal static class EditDistance
{
    /// <summary>The distance between <paramref name="a"/> and <paramref name="b"/>, or <paramref name="max"/> + 1 when it exceeds <paramref name="max"/>.</summary>
    public static int Bounded(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        var over = max + 1;
        if (Math.Abs(a.Length - b.Length) > max) return over;
        if (a.Length == 0 || b.Length == 0) return Math.Max(a.Length, b.Length);
        var width = b.Length + 1;
        Span<int> buffer = width * 3 <= 384 ? stackalloc int[width * 3] : new int[width * 3];
        var twoBack = buffer[..width];
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);
        for (var j = 0; j < width; j++) previous[j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            var from = Math.Max(1, i - max);
            var to = Math.Min(b.Length, i + max);
            // Cells just outside the band may hold values from an older row; mark them unreachable.
            current[from - 1] = from == 1 ? Math.Min(i, over) : over;
            if (to < b.Length) current[to + 1] = over;
            var rowMin = current[from - 1];
            for (var j = from; j <= to; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    value = Math.Min(value, twoBack[j - 2] + 1);
                current[j] = Math.Min(value, over);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > max) return over;
            var recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }
        return Math.Min(previous[b.Length], over);
    }
}
