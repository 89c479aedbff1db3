namespace ResearchKit.Text;

/// <summary>
/// The fixed-length framing every text tower here was trained with: optional start token, content
/// truncated so the end token always survives, end token, then right padding.
/// </summary>
internal static class FixedLengthIds
{
    public static int[] Frame(IReadOnlyList<int> content, int contextLength, int? start, int end, int pad)
    {
        var ids = new int[contextLength];
        Array.Fill(ids, pad);
        var n = 0;
        if (start is { } s) ids[n++] = s;
        var room = contextLength - n - 1;
        for (var i = 0; i < content.Count && i < room; i++) ids[n++] = content[i];
        ids[n] = end;
        return ids;
    }
}
