using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

public sealed class TopKTests
{
    [Fact]
    public void Keeps_the_k_best_with_ties_going_to_the_lower_row()
    {
        var top = new TopK(3);
        top.Add(5, 0.5f);
        top.Add(2, 0.9f);
        top.Add(7, 0.5f);
        top.Add(1, 0.5f);
        top.Add(9, 0.1f);
        Assert.Equal([new(2, 0.9f), new(1, 0.5f), new(5, 0.5f)], top.ToArray());
    }

    [Fact]
    public void Zero_k_keeps_nothing_and_nan_is_never_kept()
    {
        var none = new TopK(0);
        Assert.False(none.Add(0, 1f));
        Assert.Empty(none.ToArray());

        var top = new TopK(2);
        Assert.False(top.Add(0, float.NaN));
        top.Add(1, -1f);
        top.Add(2, -2f);
        Assert.False(top.Add(3, float.NaN));
        Assert.Equal([new(1, -1f), new(2, -2f)], top.ToArray());
    }

    [Fact]
    public void Negative_k_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopK(-1));
    }

    [Fact]
    public void Merging_partials_equals_one_selection_over_everything()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var k = rng.Next(0, 40);
            var n = rng.Next(0, 300);
            // Few distinct scores, so ties decide much of the order.
            var scores = Enumerable.Range(0, n).Select(_ => rng.Next(0, 12) / 4f).ToArray();
            var parts = Enumerable.Range(0, rng.Next(1, 6)).Select(_ => new TopK(k)).ToArray();
            for (var row = 0; row < n; row++) parts[rng.Next(parts.Length)].Add(row, scores[row]);

            var merged = new TopK(k);
            foreach (var part in parts) merged.Merge(part);

            var expected = Enumerable.Range(0, n).Select(r => new ScoredRow(r, scores[r]))
                .OrderByDescending(s => s.Score).ThenBy(s => s.Row).Take(k).ToArray();
            Assert.Equal(expected, merged.ToArray());
        }
    }

    [Fact]
    public void Huge_k_costs_nothing_up_front_and_grows_as_needed()
    {
        var top = new TopK(int.MaxValue);
        for (var row = 0; row < 1000; row++) top.Add(row, row % 7);
        Assert.Equal(1000, top.Count);
        Assert.Equal(new ScoredRow(6, 6f), top.ToArray()[0]);
    }
}
