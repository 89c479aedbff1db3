using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class JudgmentStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Judgments_persist_across_connections_and_undo_deletes_one()
    {
        var path = Path.Combine(_dir.Path, "j.sqlite");
        long second;
        using (var store = JudgmentStore.Open(path))
        {
            store.Add(new TripletJudgment("a", "b", "c", TripletAnswer.A, "me"));
            second = store.Add(new TripletJudgment("a", "c", "d", TripletAnswer.TooSimilar));
            store.Add(new RelevanceJudgment("red apple", "a", 1));
        }
        using (var other = JudgmentStore.Open(path))
        {
            Assert.Equal([TripletAnswer.A, TripletAnswer.TooSimilar], other.Triplets().Select(t => t.Answer));
            Assert.True(other.DeleteTriplet(second));
            Assert.False(other.DeleteTriplet(second));
            Assert.Equal("me", Assert.Single(other.Triplets()).Judge);
            Assert.Equal(("red apple", "a", 1.0), other.Relevance().Select(r => (r.Query, r.Item, r.Relevance)).Single());
        }
    }

    [Fact]
    public void Two_writers_at_once_lose_nothing()
    {
        var path = Path.Combine(_dir.Path, "j.sqlite");
        using var first = JudgmentStore.Open(path);
        using var second = JudgmentStore.Open(path);
        Parallel.For(0, 200, i => (i % 2 == 0 ? first : second).Add(new TripletJudgment($"a{i}", "x", "y", TripletAnswer.B)));
        Assert.Equal(200, first.Triplets().Count);
    }

    [Fact]
    public void Synthetic_triplets_follow_shared_tags()
    {
        var items = new[]
        {
            Item("cat", "animal"), Item("dog", "animal"), Item("car", "vehicle"), Item("bus", "vehicle"),
        };
        var triplets = SyntheticJudgments.Triplets(items, 20, seed: 3);

        Assert.Equal(20, triplets.Count);
        var tags = items.ToDictionary(i => i.Id, i => i.Tags[0]);
        Assert.All(triplets, t =>
        {
            var closer = t.Answer == TripletAnswer.A ? t.A : t.B;
            var farther = t.Answer == TripletAnswer.A ? t.B : t.A;
            Assert.Equal(tags[t.Anchor], tags[closer]);
            Assert.NotEqual(tags[t.Anchor], tags[farther]);
        });
        Assert.Contains(triplets, t => t.Answer == TripletAnswer.A);
        Assert.Contains(triplets, t => t.Answer == TripletAnswer.B);
    }

    private static ResearchKit.Datasets.DatasetItem Item(string id, string tag) => new(id, id + ".png", id, [], [tag], new Dictionary<string, string>());
}
