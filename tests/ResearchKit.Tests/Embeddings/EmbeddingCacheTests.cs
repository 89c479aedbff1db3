using ResearchKit.Embeddings;

namespace ResearchKit.Tests.Embeddings;

public sealed class EmbeddingCacheTests
{
    [Fact]
    public void Least_recently_used_entry_is_evicted_first()
    {
        var cache = new EmbeddingCache(capacity: 2);
        cache.Set("a", [1f]);
        cache.Set("b", [2f]);
        Assert.True(cache.TryGet("a", out _)); // a is now most recent
        cache.Set("c", [3f]);                  // evicts b
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("a", out var a));
        Assert.True(cache.TryGet("c", out var c));
        Assert.Equal((1f, 3f), (a[0], c[0]));
        Assert.Equal(2, cache.Count);
        Assert.Equal((3L, 1L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void Overwriting_a_key_keeps_one_entry()
    {
        var cache = new EmbeddingCache(capacity: 2);
        cache.Set("a", [1f]);
        cache.Set("a", [5f]);
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("a", out var v));
        Assert.Equal(5f, v[0]);
    }

    [Fact]
    public void Keys_depend_on_content_and_model_not_on_names()
    {
        byte[] bytes = [1, 2, 3];
        Assert.Equal(EmbeddingCache.KeyFor(bytes, "m1"), EmbeddingCache.KeyFor((byte[])bytes.Clone(), "m1"));
        Assert.NotEqual(EmbeddingCache.KeyFor(bytes, "m1"), EmbeddingCache.KeyFor(bytes, "m2"));
        Assert.NotEqual(EmbeddingCache.KeyFor(bytes, "m1"), EmbeddingCache.KeyFor([1, 2, 4], "m1"));
        Assert.NotEqual(EmbeddingCache.KeyFor("dog", "m1"), EmbeddingCache.KeyFor("cat", "m1"));
    }

    [Fact]
    public void Concurrent_use_stays_within_capacity()
    {
        var cache = new EmbeddingCache(capacity: 50);
        Parallel.For(0, 2000, i =>
        {
            cache.Set("k" + (i % 120), [i]);
            cache.TryGet("k" + ((i * 7) % 120), out _);
        });
        Assert.Equal(50, cache.Count);
        Assert.Equal(2000, cache.Hits + cache.Misses);
    }

    [Fact]
    public void Capacity_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmbeddingCache(0));
    }
}
