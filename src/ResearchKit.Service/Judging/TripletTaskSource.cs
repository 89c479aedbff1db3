using ResearchKit.Embeddings;
using ResearchKit.Tuning;

namespace ResearchKit.Service.Judging;

/// <summary>
/// Makes triplets to judge from a space: the suggester's most uncertain ones under the latest learned weights, or random
/// ones. Judged and handed-out triplets are left out, and each task's options are shown in a random order so the
/// position on screen carries no hint.
/// </summary>
internal sealed class TripletTaskSource(EmbeddingSpace space, Func<float[]?> weights, JudgmentStore store, bool uncertain, int seed)
{
    private const int Batch = 16;
    private int _round;

    public IEnumerable<TripletTask> Generate(IReadOnlySet<string> handedOut)
    {
        var round = ++_round;
        var random = new Random(HashCode.Combine(seed, round));
        var judged = store.Triplets().Select(t => TripletTask.KeyOf(t.Anchor, t.A, t.B)).ToHashSet(StringComparer.Ordinal);
        judged.UnionWith(handedOut);
        var found = uncertain ? Uncertain(judged, seed + round) : Random(judged, random);
        return [.. found.Select(t => random.Next(2) == 0 ? t : t with { A = t.B, B = t.A })];
    }

    private IEnumerable<TripletTask> Uncertain(HashSet<string> seen, int roundSeed)
    {
        var skip = seen.Select(k => k.Split('\n')).Select(p => new TripletJudgment(p[0], p[1], p[2], TripletAnswer.DontKnow));
        return TripletSuggester.MostUncertain(space, weights(), Batch, skip, roundSeed).Select(t => TripletTask.Of(t.Anchor, t.A, t.B));
    }

    private List<TripletTask> Random(HashSet<string> seen, Random random)
    {
        var tasks = new List<TripletTask>();
        if (space.Count < 3) return tasks;
        for (var attempt = 0; attempt < Batch * 50 && tasks.Count < Batch; attempt++)
        {
            int anchor = random.Next(space.Count), a = random.Next(space.Count), b = random.Next(space.Count);
            if (anchor == a || anchor == b || a == b) continue;
            var task = TripletTask.Of(space.Ids[anchor], space.Ids[a], space.Ids[b]);
            if (seen.Add(task.Key)) tasks.Add(task);
        }
        return tasks;
    }
}
