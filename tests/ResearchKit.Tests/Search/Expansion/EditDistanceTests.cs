using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("teh", "the", 2, 1)]          // adjacent swap costs 1
    [InlineData("recieve", "receive", 2, 1)]
    [InlineData("kitten", "sitting", 5, 3)]
    [InlineData("kitten", "sitting", 2, 3)]   // over the cap: cap + 1
    [InlineData("", "ab", 2, 2)]
    [InlineData("abc", "abc", 2, 0)]
    [InlineData("ca", "abc", 3, 3)]           // optimal string alignment cannot edit a swapped pair again
    [InlineData("abcdef", "ab", 2, 3)]        // length gap alone exceeds the cap
    [InlineData("bekinng", "baking", 2, 2)]
    public void Bounded_distance_matches_hand_counts(string a, string b, int max, int expected)
    {
        Assert.Equal(expected, EditDistance.Bounded(a, b, max));
        Assert.Equal(expected, EditDistance.Bounded(b, a, max));
    }

    [Fact]
    public void Banded_result_agrees_with_the_full_table_on_many_pairs()
    {
        var random = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var a = RandomWord(random);
            var b = RandomWord(random);
            var full = Full(a, b);
            for (var max = 1; max <= 3; max++)
                Assert.Equal(Math.Min(full, max + 1), EditDistance.Bounded(a, b, max));
        }
    }

    private static string RandomWord(Random random) =>
        new(Enumerable.Range(0, random.Next(0, 8)).Select(_ => "abc"[random.Next(3)]).ToArray());

    // The textbook optimal-string-alignment table, unbanded, as the reference.
    private static int Full(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
