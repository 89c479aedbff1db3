using ResearchKit.Datasets;

namespace ResearchKit.Tuning;

/// <summary>
/// Judgments made from labels, for tests and demos: an item is relevant to a label query when it carries that
/// label or tag; in a triplet the option sharing a tag with the anchor is the closer one.
/// </summary>
public static class SyntheticJudgments
{
    /// <summary>Label queries with graded relevance 1 for items carrying the label and 0 for a sample of others.</summary>
    public static IReadOnlyList<RelevanceJudgment> Relevance(IReadOnlyList<DatasetItem> items, int queries, int negativesPerQuery = 5, int seed = 1)
    {
        var random = new Random(seed);
        var labels = items.SelectMany(Terms).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        var result = new List<RelevanceJudgment>();
        foreach (var label in labels.OrderBy(_ => random.Next()).Take(queries))
        {
            var relevant = items.Where(i => Terms(i).Contains(label, StringComparer.OrdinalIgnoreCase)).ToList();
            var others = items.Except(relevant).OrderBy(_ => random.Next()).Take(negativesPerQuery);
            result.AddRange(relevant.Select(i => new RelevanceJudgment(label, i.Id, 1, "synthetic")));
            result.AddRange(others.Select(i => new RelevanceJudgment(label, i.Id, 0, "synthetic")));
        }
        return result;
    }

    /// <summary>Triplets whose answer follows tag overlap with the anchor; A and B are shuffled so answers are balanced.</summary>
    public static IReadOnlyList<TripletJudgment> Triplets(IReadOnlyList<DatasetItem> items, int count, int seed = 1)
    {
        var random = new Random(seed);
        var tagged = items.Where(i => Terms(i).Any()).ToList();
        var result = new List<TripletJudgment>();
        for (var attempt = 0; result.Count < count && attempt < count * 50 && tagged.Count > 2; attempt++)
        {
            var anchor = tagged[random.Next(tagged.Count)];
            var terms = Terms(anchor).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var near = tagged.Where(i => i != anchor && Terms(i).Any(terms.Contains)).ToList();
            var far = tagged.Where(i => !Terms(i).Any(terms.Contains)).ToList();
            if (near.Count == 0 || far.Count == 0) continue;
            var (p, n) = (near[random.Next(near.Count)], far[random.Next(far.Count)]);
            result.Add(random.Next(2) == 0
                ? new TripletJudgment(anchor.Id, p.Id, n.Id, TripletAnswer.A, "synthetic")
                : new TripletJudgment(anchor.Id, n.Id, p.Id, TripletAnswer.B, "synthetic"));
        }
        return result;
    }

    private static IEnumerable<string> Terms(DatasetItem item) => item.Labels.Concat(item.Tags);
}
