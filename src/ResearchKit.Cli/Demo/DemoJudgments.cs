using ResearchKit.IO;
using System.Globalization;
using System.Text;
using ResearchKit.Evaluation;
using ResearchKit.Search;

namespace ResearchKit.Cli.Demo;

/// <summary>
/// Relevance judgments for calibration from the training split's label queries: the same emoji in every
/// training set is relevant; the top-ranked other emoji (hard negatives) and a few seeded random ones are not.
/// </summary>
public static class DemoJudgments
{
    /// <summary>Writes a CSV (query,item,relevance,judge) for every 10th query of <paramref name="queryFile"/>.</summary>
    public static void Write(SearchEngine engine, string space, string queryFile, string output)
    {
        var random = new Random(5);
        var ids = engine.Items.Select(i => i.Id).Order(StringComparer.Ordinal).ToArray();
        var csv = new StringBuilder("query,item,relevance,judge\n");
        var queries = BenchmarkQueryFile.Read(queryFile);
        for (var q = 0; q < queries.Count; q += 10)
        {
            var query = queries[q];
            var relevant = query.Relevant.ToHashSet(StringComparer.Ordinal);
            var negatives = engine.SearchText(query.Text!, new SearchOptions { Space = space, TopK = 10 + relevant.Count }).Results
                .Select(r => r.Id).Where(id => !relevant.Contains(id)).Take(10).ToList();
            negatives.AddRange(Enumerable.Range(0, 5).Select(_ => ids[random.Next(ids.Length)]).Where(id => !relevant.Contains(id) && !negatives.Contains(id)));
            foreach (var id in relevant) csv.Append(Line(query.Text!, id, 1));
            foreach (var id in negatives) csv.Append(Line(query.Text!, id, 0));
        }
        AtomicFile.WriteText(output, csv.ToString());
    }

    private static string Line(string query, string item, int relevance) =>
        string.Create(CultureInfo.InvariantCulture, $"{Quote(query)},{Quote(item)},{relevance},demo\n");

    private static string Quote(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
