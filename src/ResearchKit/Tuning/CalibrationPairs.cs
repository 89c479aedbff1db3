using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>The (score, relevant) pairs calibration is fitted on: each judged (query, item) scored in one space.</summary>
public static class CalibrationPairs
{
    /// <summary>Scores every judgment whose item the space holds; text queries are embedded with the space's text tower.</summary>
    public static (List<double> Scores, List<bool> Relevant) Score(SearchEngine engine, string space, IEnumerable<RelevanceJudgment> judgments)
    {
        var s = engine.Space(space);
        var scores = new List<double>();
        var relevant = new List<bool>();
        foreach (var group in judgments.GroupBy(j => j.Query, StringComparer.Ordinal))
        {
            float[] query;
            if (SearchQuery.Parse(group.Key) is ItemQuery item)
            {
                if (!s.TryGetRow(item.ItemId, out var row)) continue;
                query = s.Vector(row).ToArray();
            }
            else query = engine.EmbedText(space, group.Key);
            foreach (var j in group)
            {
                if (!s.TryGetRow(j.Item, out var row)) continue;
                scores.Add(System.Numerics.Tensors.TensorPrimitives.Dot(query, s.Vector(row)));
                relevant.Add(j.Relevance > 0);
            }
        }
        return (scores, relevant);
    }
}
