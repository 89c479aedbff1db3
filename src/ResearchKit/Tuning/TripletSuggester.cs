using ResearchKit.Embeddings;
using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// Proposes the triplets worth judging next: for seeded random anchors, pairs of the anchor's near neighbours
/// whose two weighted distances are closest (|dA - dB| / (dA + dB) smallest), i.e. where the current weights are
/// least sure. Triplets already judged (in either order) are skipped.
/// </summary>
public static class TripletSuggester
{
    /// <summary>Up to <paramref name="count"/> triplets, most uncertain first.</summary>
    public static IReadOnlyList<(string Anchor, string A, string B, double Uncertainty)> MostUncertain(
        EmbeddingSpace space, float[]? weights, int count, IEnumerable<TripletJudgment> judged, int seed = 1, int neighbours = 12)
    {
        if (space.Count < 3) return [];
        weights ??= WeightedDistance.Uniform(space.Dimension);
        var seen = judged.Select(j => Key(j.Anchor, j.A, j.B)).ToHashSet(StringComparer.Ordinal);
        var scanner = new ExactScanner(new VectorMatrix(space.Vectors, space.Dimension));
        var random = new Random(seed);
        var candidates = new List<(string, string, string, double)>();
        var anchors = Math.Min(space.Count, Math.Max(8, count * 2));
        foreach (var anchorRow in Enumerable.Range(0, space.Count).OrderBy(_ => random.Next()).Take(anchors))
        {
            var near = scanner.Search(space.Vector(anchorRow), neighbours + 1).Where(h => h.Row != anchorRow).Select(h => h.Row).ToList();
            for (var i = 0; i < near.Count; i++)
                for (var j = i + 1; j < near.Count; j++)
                {
                    string anchor = space.Ids[anchorRow], a = space.Ids[near[i]], b = space.Ids[near[j]];
                    if (seen.Contains(Key(anchor, a, b))) continue;
                    var dA = WeightedDistance.Distance(weights, space.Vector(anchorRow), space.Vector(near[i]));
                    var dB = WeightedDistance.Distance(weights, space.Vector(anchorRow), space.Vector(near[j]));
                    candidates.Add((anchor, a, b, Math.Abs(dA - dB) / Math.Max(1e-12, dA + dB)));
                }
        }
        return [.. candidates.OrderBy(c => c.Item4).ThenBy(c => c.Item1, StringComparer.Ordinal).ThenBy(c => c.Item2, StringComparer.Ordinal)
            .DistinctBy(c => Key(c.Item1, c.Item2, c.Item3)).Take(count)];
    }

    private static string Key(string anchor, string a, string b) =>
        string.CompareOrdinal(a, b) < 0 ? $"{anchor}\n{a}\n{b}" : $"{anchor}\n{b}\n{a}";
}
