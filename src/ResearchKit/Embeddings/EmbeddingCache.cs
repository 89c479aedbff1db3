using System.Security.Cryptography;

namespace ResearchKit.Embeddings;

/// <summary>
/// A bounded, thread-safe LRU cache of embeddings keyed by the content hash of the input (image bytes
/// or text) together with the model's fingerprint, so a renamed file or a repeated query is not
/// embedded twice and a different model or preprocessing never returns a stale vector.
/// </summary>
public sealed class EmbeddingCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, float[] Vector)>> _index = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, float[] Vector)> _recency = new();
    private readonly Lock _gate = new();
    private long _hits;
    private long _misses;

    /// <param name="capacity">Most entries kept; the least recently used is evicted beyond it.</param>
    public EmbeddingCache(int capacity = 10_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Capacity => _capacity;
    public int Count { get { lock (_gate) return _index.Count; } }
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>The cache key for some content under a model fingerprint.</summary>
    public static string KeyFor(ReadOnlySpan<byte> content, string modelFingerprint) =>
        modelFingerprint + ":" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The cache key for a text under a model fingerprint.</summary>
    public static string KeyFor(string text, string modelFingerprint) =>
        KeyFor(System.Text.Encoding.UTF8.GetBytes(text), modelFingerprint + ":text");

    public bool TryGet(string key, out float[] vector)
    {
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                _hits++;
                vector = node.Value.Vector;
                return true;
            }
            _misses++;
        }
        vector = [];
        return false;
    }

    public void Set(string key, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        lock (_gate)
        {
            if (_index.TryGetValue(key, out var existing))
            {
                _recency.Remove(existing);
                _index.Remove(key);
            }
            _index[key] = _recency.AddFirst((key, vector));
            while (_index.Count > _capacity)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _index.Remove(last.Value.Key);
            }
        }
    }
}
