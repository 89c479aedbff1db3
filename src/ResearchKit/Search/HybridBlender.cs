namespace ResearchKit.Search;

/// <summary>
/// Blends several spaces' scores (e.g. SigLIP semantic + DINOv2 visual) into one: each space's scores are
/// normalised over the candidates it scored, then combined as a weighted mean. Fallback when an item lacks a
/// space (it failed to embed there, or the space cannot embed the query): the mean is taken over the spaces the
/// item has, with their weights renormalised, so a missing space neither rewards nor punishes the item.
/// </summary>
public static class HybridBlender
{
    /// <summary>Blends per-space scores (space name to item id to cosine) into a ranking, best first.</summary>
    public static IReadOnlyList<RankedItem> Blend(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> scores,
        IReadOnlyList<SpaceWeight> weights,
        ScoreNormalization normalization)
    {
        foreach (var w in weights)
            if (w.Weight < 0 || double.IsNaN(w.Weight)) throw new ArgumentException($"hybrid weight of space '{w.Space}' is {w.Weight}; weights must be >= 0.");
        var normalised = weights.Where(w => scores.ContainsKey(w.Space))
            .ToDictionary(w => w.Space, w => Normalise(scores[w.Space], normalization), StringComparer.Ordinal);
        var ids = normalised.Values.SelectMany(s => s.Keys).Distinct(StringComparer.Ordinal);
        var ranked = new List<RankedItem>();
        foreach (var id in ids)
        {
            double sum = 0, weight = 0;
            var raw = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var w in weights)
            {
                if (!normalised.TryGetValue(w.Space, out var space) || !space.TryGetValue(id, out var value)) continue;
                sum += w.Weight * value;
                weight += w.Weight;
                raw[w.Space] = scores[w.Space][id];
            }
            var blended = weight > 0 ? sum / weight : 0;
            ranked.Add(new RankedItem(id, blended, blended, SpaceScores: raw));
        }
        ranked.Sort(RankedItem.BestFirst);
        return ranked;
    }

    /// <summary>One space's scores on the chosen common scale.</summary>
    public static IReadOnlyDictionary<string, double> Normalise(IReadOnlyDictionary<string, double> scores, ScoreNormalization normalization)
    {
        switch (normalization)
        {
            case ScoreNormalization.None:
                return scores;
            case ScoreNormalization.ZScore:
            {
                var mean = scores.Values.DefaultIfEmpty().Average();
                var std = Math.Sqrt(scores.Values.Select(v => (v - mean) * (v - mean)).DefaultIfEmpty().Average());
                return scores.ToDictionary(p => p.Key, p => std > 0 ? (p.Value - mean) / std : 0.0, StringComparer.Ordinal);
            }
            case ScoreNormalization.Rank:
            {
                var order = scores.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
                var n = (double)order.Count;
                return order.Select((id, rank) => (id, rank)).ToDictionary(x => x.id, x => (n - x.rank) / n, StringComparer.Ordinal);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(normalization), normalization, null);
        }
    }
}
