using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

public sealed class TripletTrainingTests
{
    // Triplets whose truth is a known weighted distance: only the first 8 of 32 dimensions matter.
    internal static (List<TripletExample> Train, List<TripletExample> HeldOut) KnownWeightTriplets(int count, int dim, int seed, double equalityShare = 0)
    {
        var random = new Random(seed);
        var truth = Enumerable.Range(0, dim).Select(d => d < dim / 4 ? 4f : 0.05f).ToArray();
        float[] Point() => [.. Enumerable.Range(0, dim).Select(_ => (float)(random.NextDouble() * 2 - 1))];
        var all = new List<TripletExample>();
        for (var i = 0; i < count; i++)
        {
            float[] a = Point(), x = Point(), y = Point();
            var dx = WeightedDistance.Distance(truth, a, x);
            var dy = WeightedDistance.Distance(truth, a, y);
            var answer = random.NextDouble() < equalityShare && Math.Abs(dx - dy) < 0.05 ? TripletAnswer.TooSimilar
                : dx < dy ? TripletAnswer.A : TripletAnswer.B;
            all.Add(new TripletExample(a, x, y, answer));
        }
        return (all[..(count * 4 / 5)], all[(count * 4 / 5)..]);
    }

    [Fact]
    public void Training_beats_the_unweighted_baseline_on_triplets_from_a_known_weight_vector()
    {
        var (train, heldOut) = KnownWeightTriplets(3000, 32, seed: 11);

        var result = new TripletWeightTrainer().Train(train, heldOut);

        Assert.True(result.HeldOutAccuracy > result.BaselineAccuracy + 0.1, $"learned {result.HeldOutAccuracy:0.000} vs baseline {result.BaselineAccuracy:0.000}");
        Assert.All(result.Weights, w => Assert.True(w >= 0));
        // The informative dimensions end up weighted above the others.
        Assert.True(result.Weights[..8].Average() > 2 * result.Weights[8..].Average());
        Assert.Equal(result.HeldOutAccuracy, WeightedDistance.TripletAccuracy(heldOut, result.Weights), 12);
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed_and_ignores_dont_know()
    {
        var (train, heldOut) = KnownWeightTriplets(600, 16, seed: 2);
        var noisy = train.Concat(train.Take(50).Select(t => t with { Answer = TripletAnswer.DontKnow })).ToList();

        var first = new TripletWeightTrainer(new TripletTrainingOptions { Seed = 4 }).Train(noisy, heldOut);
        var second = new TripletWeightTrainer(new TripletTrainingOptions { Seed = 4 }).Train(noisy, heldOut);

        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Curve, second.Curve);
    }

    [Fact]
    public void Equality_answers_pull_the_two_distances_together()
    {
        float[] anchor = [0, 0], a = [1, 0], b = [0, 2];
        var triplets = Enumerable.Repeat(new TripletExample(anchor, a, b, TripletAnswer.TooSimilar), 50).ToList();

        var result = new TripletWeightTrainer(new TripletTrainingOptions { Regularization = 0, Patience = 1000, MaxEpochs = 300 }).Train(triplets, []);
        var curve = result.Curve;

        // d(a, A) = sqrt(w0), d(a, B) = 2 sqrt(w1): the loss falls as they approach each other.
        Assert.True(curve[^1].TrainLoss < curve[0].TrainLoss / 10, $"loss {curve[0].TrainLoss} -> {curve[^1].TrainLoss}");
    }

    [Fact]
    public void Only_dont_know_answers_is_a_clear_error()
    {
        var t = new TripletExample([0f], [1f], [2f], TripletAnswer.DontKnow);
        Assert.Contains("judge some triplets", Assert.Throws<ArgumentException>(() => new TripletWeightTrainer().Train([t], [])).Message);
    }
}
