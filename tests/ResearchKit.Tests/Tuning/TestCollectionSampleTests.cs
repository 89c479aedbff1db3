using ResearchKit.Datasets;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class TestCollectionSampleTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dataset _dataset;
    private readonly List<TuningQuery> _queries;

    public TestCollectionSampleTests()
    {
        var png = File.ReadAllBytes(FixturePaths.Image("tiny_1x1.png"));
        for (var i = 0; i < 40; i++) _dir.Write($"img/{i:D2}.png", png);
        _dataset = Dataset.Open(_dir.Path);
        // Query q<k> finds images 4k..4k+2; one query names an item the dataset lacks, one an item query.
        _queries = [.. Enumerable.Range(0, 10).Select(k => new TuningQuery(new TextQuery($"q{k}"),
            Enumerable.Range(4 * k, 3).ToDictionary(i => $"img/{i:D2}.png", _ => 1.0)))];
        _queries.Add(new TuningQuery(new TextQuery("ghost"), new Dictionary<string, double> { ["img/99.png"] = 1 }));
        _queries.Add(new TuningQuery(new ItemQuery("img/39.png"), new Dictionary<string, double> { ["img/38.png"] = 1 }));
        _queries.Add(new TuningQuery(new TextQuery("!"), new Dictionary<string, double> { ["img/30.png"] = 1 }));
        _queries.Add(new TuningQuery(new TextQuery("the of"), new Dictionary<string, double> { ["img/31.png"] = 1 }));
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_kept_query_has_its_relevant_items_and_query_image_in_the_gallery()
    {
        var sample = TestCollectionSample.Take(_dataset, _queries, maxItems: 12, maxQueries: 5, seed: 3);

        var gallery = sample.Gallery.Items.Select(i => i.Id).ToHashSet();
        Assert.Equal(12, gallery.Count);
        Assert.InRange(sample.Queries.Count, 1, 5);
        Assert.DoesNotContain(sample.Queries, q => q.Query.Key == "ghost");
        Assert.DoesNotContain(TestCollectionSample.Take(_dataset, _queries, 40, 20, seed: 3).Queries, q => q.Query.Key is "!" or "the of");
        Assert.Contains(TestCollectionSample.Take(_dataset, _queries, 40, 20, seed: 3).Queries, q => q.Query == new ItemQuery("img/39.png"));
        foreach (var query in sample.Queries)
        {
            Assert.All(query.Relevance.Keys, id => Assert.Contains(id, gallery));
            if (query.IsItemQuery) Assert.Contains(query.ItemId, gallery);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_sample_and_its_own_store()
    {
        var a = TestCollectionSample.Take(_dataset, _queries, 20, 4, seed: 7);
        var b = TestCollectionSample.Take(_dataset, _queries, 20, 4, seed: 7);
        var c = TestCollectionSample.Take(_dataset, _queries, 20, 4, seed: 8);

        Assert.Equal(a.Gallery.Items.Select(i => i.Id), b.Gallery.Items.Select(i => i.Id));
        Assert.Equal(a.Queries.Select(q => q.Query), b.Queries.Select(q => q.Query));
        Assert.NotEqual(a.Gallery.Items.Select(i => i.Id), c.Gallery.Items.Select(i => i.Id));
        Assert.NotEqual(_dataset.StoreDirectory, a.Gallery.StoreDirectory);
        Assert.StartsWith(_dataset.StoreDirectory, a.Gallery.StoreDirectory);
        Assert.Equal(a.Gallery.StoreDirectory, b.Gallery.StoreDirectory);
        Assert.NotEqual(a.Gallery.StoreDirectory, c.Gallery.StoreDirectory);
    }

    [Fact]
    public void A_subset_refuses_the_full_datasets_store()
    {
        Assert.Throws<ArgumentException>(() => _dataset.Subset(["img/00.png"], _dataset.StoreDirectory));
        var subset = _dataset.Subset(["img/00.png", "img/05.png", "missing"], Path.Combine(_dir.Path, "other-store"));
        Assert.Equal(["img/00.png", "img/05.png"], subset.Items.Select(i => i.Id));
        Assert.Equal(_dataset.Root, subset.Root);
    }
}
