using ResearchKit.Datasets;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class ItemQueriesTests
{
    private static DatasetItem Item(string id, string? subgroup) =>
        new(id, id + ".png", null, [], [], subgroup is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["subgroup"] = subgroup });

    [Fact]
    public void Relevant_items_share_the_field_value_and_exclude_the_query_item()
    {
        DatasetItem[] items = [Item("a", "cat"), Item("b", "cat"), Item("c", "cat"), Item("d", "dog"), Item("e", "lonely"), Item("f", null)];

        var queries = ItemQueries.SharingField(items, "subgroup", count: 10, seed: 2);

        Assert.Equal(["a", "b", "c"], queries.Select(q => q.ItemId).Order());
        foreach (var q in queries)
        {
            Assert.DoesNotContain(q.ItemId, q.Relevance.Keys);
            Assert.Equal(2, q.Relevance.Count);
            Assert.All(q.Relevance.Keys, id => Assert.Contains(id, new[] { "a", "b", "c" }));
        }
        Assert.Single(ItemQueries.SharingField(items, "subgroup", count: 1, seed: 2));
    }
}
