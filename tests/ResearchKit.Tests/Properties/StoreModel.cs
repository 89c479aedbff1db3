namespace ResearchKit.Tests.Properties;

/// <summary>
/// What a vector log should hold, kept the simplest way: every part's chunks in order, each stamped by a logical
/// clock. A key's visible version is its newest commit (ties: the later part name, then the later chunk and row),
/// as docs/store.md states; compaction rewrites what a writer owns as one chunk as new as its newest source.
/// </summary>
internal sealed class StoreModel
{
    private const string MainPart = "main";

    private readonly SortedDictionary<string, List<(long Time, StoreRow[] Rows)>> _parts = new(StringComparer.Ordinal);
    private long _clock;

    public void Clear() => _parts.Clear();

    public void Append(string? part, StoreRow[] rows) => Chunks(part ?? MainPart).Add((++_clock, rows));

    /// <summary>A whole-log writer (null part) merges every part into main; a part writer rewrites only its own.</summary>
    public void Compact(string? part, IReadOnlySet<string> drop)
    {
        var owned = part is null ? _parts.Keys.ToList() : [part];
        var sources = owned.SelectMany(p => Chunks(p)).ToList();
        var kept = Visible().Where(v => owned.Contains(v.Part) && !drop.Contains(v.Row.Key))
            .OrderBy(v => v.Row.Key, StringComparer.Ordinal).Select(v => v.Row).ToArray();
        foreach (var p in owned) Chunks(p).Clear();
        if (kept.Length > 0) Chunks(part ?? MainPart).Add((sources.Max(c => c.Time), kept));
    }

    /// <summary>The visible version of every key, ordered by key.</summary>
    public List<StoreRow> Latest() => [.. Visible().Select(v => v.Row).OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>How many visible versions each part holds, ordered by part name.</summary>
    public IEnumerable<KeyValuePair<string, int>> CountByPart() =>
        Visible().GroupBy(v => v.Part).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => KeyValuePair.Create(g.Key, g.Count()));

    public int ChunkCount(string part) => _parts.TryGetValue(part, out var chunks) ? chunks.Count : 0;

    private List<(long Time, StoreRow[] Rows)> Chunks(string part) =>
        _parts.TryGetValue(part, out var chunks) ? chunks : _parts[part] = [];

    private IEnumerable<(string Part, StoreRow Row)> Visible() =>
        _parts.SelectMany(p => p.Value.SelectMany((chunk, c) => chunk.Rows.Select((row, r) => (Part: p.Key, Row: row, Order: (chunk.Time, p.Key, c, r)))))
            .GroupBy(v => v.Row.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(v => v.Order, OrderComparer)!)
            .Select(v => (v.Part, v.Row));

    private static readonly Comparer<(long Time, string Part, int Chunk, int Row)> OrderComparer = Comparer<(long Time, string Part, int Chunk, int Row)>.Create((a, b) =>
    {
        var byTime = a.Time.CompareTo(b.Time);
        if (byTime != 0) return byTime;
        var byPart = string.CompareOrdinal(a.Part, b.Part);
        return byPart != 0 ? byPart : (a.Chunk, a.Row).CompareTo((b.Chunk, b.Row));
    });
}
