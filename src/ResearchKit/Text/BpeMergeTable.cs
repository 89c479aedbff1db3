using System.Text.Json;

namespace ResearchKit.Text;

/// <summary>
/// BPE merge rules by id: (left, right) to (rank, merged id). <see cref="Apply"/> merges the lowest-ranked
/// adjacent pair first, the leftmost among equal ranks, with a priority queue over a linked list of symbols,
/// as the Rust library's <c>Word::merge_all</c> does.
/// </summary>
internal sealed class BpeMergeTable
{
    public static readonly BpeMergeTable Empty = new(new Dictionary<long, long>(PairComparer.Instance));
    private readonly Dictionary<long, long> _rules;

    private BpeMergeTable(Dictionary<long, long> rules) => _rules = rules;

    /// <summary>Reads tokenizer.json's merges: "left right" strings or [left, right] arrays; a later duplicate replaces an earlier one.</summary>
    public static BpeMergeTable FromJson(TokenizerJsonNode merges, Dictionary<string, int> vocab, int prefixLength)
    {
        var rules = new Dictionary<long, long>(merges.ArrayLength, PairComparer.Instance);
        var lookup = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        var buffer = new char[64];
        var rank = 0;
        foreach (var rule in merges.Items())
        {
            var (left, right) = ReadRule(rule.Element) ?? throw rule.Fail($"{rule.Location} is neither \"left right\" nor [left, right]");
            if (!vocab.TryGetValue(left, out var leftId) || !vocab.TryGetValue(right, out var rightId))
                throw rule.Fail($"{rule.Location} ('{left}', '{right}') names a token missing from the vocabulary");
            var tail = right.AsSpan(Math.Min(prefixLength, right.Length));
            if (buffer.Length < left.Length + tail.Length) buffer = new char[2 * (left.Length + tail.Length)];
            left.CopyTo(buffer);
            tail.CopyTo(buffer.AsSpan(left.Length));
            var joined = buffer.AsSpan(0, left.Length + tail.Length);
            if (!lookup.TryGetValue(joined, out var mergedId))
                throw rule.Fail($"{rule.Location} joins '{left}' and '{right}' into '{joined}', which is missing from the vocabulary");
            rules[Key(leftId, rightId)] = ((long)rank << 32) | (uint)mergedId;
            rank++;
        }
        return new BpeMergeTable(rules);
    }

    /// <summary>Merge rules given as token pairs (CLIP's merges.txt), ranked by position; every token must be in the vocabulary.</summary>
    public static BpeMergeTable FromPairs(IReadOnlyList<(string Left, string Right)> merges, Dictionary<string, int> vocab, string source)
    {
        var rules = new Dictionary<long, long>(merges.Count, PairComparer.Instance);
        for (var rank = 0; rank < merges.Count; rank++)
        {
            var (left, right) = merges[rank];
            if (!vocab.TryGetValue(left, out var leftId) || !vocab.TryGetValue(right, out var rightId) || !vocab.TryGetValue(left + right, out var mergedId))
                throw new TokenizerLoadException(source, $"merge rule {rank} ('{left}', '{right}') names tokens missing from the vocabulary; the vocabulary and merges files do not belong together.");
            // As in open_clip (a Python dict) and the Rust library, a repeated rule takes its last rank.
            rules[Key(leftId, rightId)] = ((long)rank << 32) | (uint)mergedId;
        }
        return new BpeMergeTable(rules);
    }

    /// <summary>One merge rule in either JSON form, or null when it is neither.</summary>
    public static (string Left, string Right)? ReadRule(JsonElement rule)
    {
        if (rule.ValueKind == JsonValueKind.Array && rule.GetArrayLength() == 2 && rule[0].ValueKind == JsonValueKind.String && rule[1].ValueKind == JsonValueKind.String)
            return (rule[0].GetString()!, rule[1].GetString()!);
        if (rule.ValueKind == JsonValueKind.String && rule.GetString()!.Split(' ') is [var a, var b])
            return (a, b);
        return null;
    }

    public int[] Apply(List<int> symbols)
    {
        var n = symbols.Count;
        if (n < 2) return [.. symbols];
        var ids = symbols.ToArray();
        var prev = new int[n];
        var next = new int[n];
        var alive = new bool[n];
        for (var i = 0; i < n; i++)
        {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            alive[i] = true;
        }
        var queue = new PriorityQueue<(int Pos, int Merged), (int Rank, int Pos)>();
        for (var i = 0; i + 1 < n; i++) Enqueue(i, i + 1);

        while (queue.TryDequeue(out var top, out _))
        {
            var right = next[top.Pos];
            if (!alive[top.Pos] || right < 0) continue;
            // The pair may have changed since it was queued; only a pair that still merges into the same id counts.
            if (!_rules.TryGetValue(Key(ids[top.Pos], ids[right]), out var rule) || (int)(rule & 0xFFFFFFFF) != top.Merged) continue;
            ids[top.Pos] = top.Merged;
            alive[right] = false;
            next[top.Pos] = next[right];
            if (next[right] >= 0) prev[next[right]] = top.Pos;
            if (prev[top.Pos] >= 0) Enqueue(prev[top.Pos], top.Pos);
            if (next[top.Pos] >= 0) Enqueue(top.Pos, next[top.Pos]);
        }

        var result = new List<int>(n);
        for (var i = 0; i >= 0; i = next[i]) result.Add(ids[i]);
        return [.. result];

        void Enqueue(int left, int rightPos)
        {
            if (_rules.TryGetValue(Key(ids[left], ids[rightPos]), out var rule))
                queue.Enqueue((left, (int)(rule & 0xFFFFFFFF)), ((int)(rule >> 32), left));
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>
    /// long's own hash folds the halves with XOR, so every pair with the same left ^ right collides; with half a
    /// million Gemma merges that made loading take seconds. A multiplicative mix spreads the pairs.
    /// </summary>
    private sealed class PairComparer : IEqualityComparer<long>
    {
        public static readonly PairComparer Instance = new();

        public bool Equals(long x, long y) => x == y;

        public int GetHashCode(long key)
        {
            var mixed = (ulong)key * 0x9E3779B97F4A7C15UL;
            return (int)(mixed >> 32) ^ (int)mixed;
        }
    }
}
