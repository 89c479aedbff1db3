using ResearchKit.Datasets;
using ResearchKit.Evaluation;
using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// Judgments made from what a dataset already knows, for tests, notebooks and the demo: an item is relevant to a
/// label query when it carries that label or tag, or when a query set lists it as relevant; in a triplet the option
/// sharing a tag with the anchor is the closer one. Every judgment's judge is <c>synthetic</c>.
/// </summary>
public static class SyntheticJudgments
{
    private const string Judge = "synthetic";

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
            result.AddRange(relevant.Select(i => new RelevanceJudgment(label, i.Id, 1, Judge)));
            result.AddRange(others.Select(i => new RelevanceJudgment(label, i.Id, 0, Judge)));
        }
        return result;
    }

    /// <summary>
    /// Judgments for text queries whose relevant items are known (a query set's <see cref="TestQuery.Relevant"/>):
    /// each relevant item 1; the <paramref name="hardNegatives"/> best-ranked other items in <paramref name="space"/>
    /// (the mistakes calibration must learn from) and up to <paramref name="randomNegatives"/> seeded random ones 0.
    /// </summary>
    /// <exception cref="ArgumentException">A query is an image query.</exception>
    public static IReadOnlyList<RelevanceJudgment> WithHardNegatives(SearchEngine engine, string space, IEnumerable<TestQuery> queries,
        int hardNegatives = 10, int randomNegatives = 5, int seed = 5)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var random = new Random(seed);
        var ids = engine.Items.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();
        var result = new List<RelevanceJudgment>();
        foreach (var query in queries)
        {
            var text = query.Query is TextQuery t ? t.Text : throw new ArgumentException($"the query '{query.Query.Key}' is an image query, with no text to judge; pass text queries.", nameof(queries));
            var relevant = query.Relevant.Distinct(StringComparer.Ordinal).ToList();
            var known = relevant.ToHashSet(StringComparer.Ordinal);
            var negatives = engine.SearchText(text, new SearchOptions { Target = new SingleSpace(space), TopK = Math.Max(1, hardNegatives + known.Count) }).Results
                .Select(r => r.Id).Where(id => !known.Contains(id)).Take(hardNegatives).ToList();
            for (var i = 0; i < randomNegatives; i++)
            {
                var id = ids[random.Next(ids.Length)];
                if (!known.Contains(id) && !negatives.Contains(id)) negatives.Add(id);
            }
            result.AddRange(relevant.Select(id => new RelevanceJudgment(text, id, 1, Judge)));
            result.AddRange(negatives.Select(id => new RelevanceJudgment(text, id, 0, Judge)));
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
                ? new TripletJudgment(anchor.Id, p.Id, n.Id, TripletAnswer.A, Judge)
                : new TripletJudgment(anchor.Id, n.Id, p.Id, TripletAnswer.B, Judge));
        }
        return result;
    }

    private static IEnumerable<string> Terms(DatasetItem item) => item.Labels.Concat(item.Tags);
}
