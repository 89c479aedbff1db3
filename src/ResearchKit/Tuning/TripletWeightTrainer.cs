using System.Numerics.Tensors;

namespace ResearchKit.Tuning;

/// <summary>
/// Learns per-dimension weights w >= 0 for d(x, y) = sqrt(sum_i w_i (x_i - y_i)^2) from triplet judgments.
/// Loss per triplet: "A" or "B" answers give the margin loss max(0, d(a, p) - d(a, n) + m); "too similar" and
/// "anchor too different" give the equality penalty lambda_eq (d(a, A) - d(a, B))^2; "don't know" is ignored.
/// Plus lambda * mean_i (w_i - 1)^2 toward uniform weights. Adam with projection onto w >= 0, mini-batches in a
/// seeded order, early stopping on held-out accuracy; the same inputs and seed give the same weights.
/// </summary>
public sealed class TripletWeightTrainer
{
    private readonly TripletTrainingOptions _options;

    public TripletWeightTrainer(TripletTrainingOptions? options = null) => _options = options ?? new TripletTrainingOptions();

    /// <summary>
    /// Trains on <paramref name="train"/> and stops early on <paramref name="heldOut"/> (never used for gradients);
    /// cancelling stops it between two mini-batches.
    /// </summary>
    /// <exception cref="ArgumentException">No usable training triplets, or vectors of different lengths.</exception>
    public TripletTrainingResult Train(IReadOnlyList<TripletExample> train, IReadOnlyList<TripletExample> heldOut, CancellationToken cancellationToken = default)
    {
        var usable = train.Where(t => t.Answer != TripletAnswer.DontKnow).ToList();
        if (usable.Count == 0) throw new ArgumentException("no usable triplets to train on (all were 'don't know' or none were given); judge some triplets first.");
        var dim = usable[0].Anchor.Length;
        if (usable.Concat(heldOut).Any(t => t.Anchor.Length != dim || t.A.Length != dim || t.B.Length != dim))
            throw new ArgumentException($"every triplet's vectors must have {dim} dimensions, like the first one; embed all items with the same model.");

        // Squared differences are fixed; only w changes, so precompute them once.
        var toA = new float[usable.Count][];
        var toB = new float[usable.Count][];
        for (var i = 0; i < usable.Count; i++) (toA[i], toB[i]) = (SquaredDiff(usable[i].Anchor, usable[i].A), SquaredDiff(usable[i].Anchor, usable[i].B));

        var w = WeightedDistance.Uniform(dim);
        var baseline = WeightedDistance.TripletAccuracy(heldOut);
        var best = (Weights: (float[])w.Clone(), Accuracy: baseline, Epoch: 0);
        var curve = new List<TrainingEpoch> { new(0, EpochLoss(w, usable, toA, toB), baseline) };
        var adam = new AdamState(dim);
        var order = Enumerable.Range(0, usable.Count).ToArray();
        var random = new Random(_options.Seed);
        var gradient = new double[dim];
        var stale = 0;
        for (var epoch = 1; epoch <= _options.MaxEpochs && stale < _options.Patience; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < order.Length; start += _options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.AsSpan(start, Math.Min(_options.BatchSize, order.Length - start));
                Array.Clear(gradient);
                foreach (var i in batch) Accumulate(w, usable[i].Answer, toA[i], toB[i], gradient, 1.0 / batch.Length);
                for (var d = 0; d < dim; d++) gradient[d] += 2 * _options.Regularization * (w[d] - 1) / dim;
                adam.Step(w, gradient, _options.LearningRate);
            }
            var accuracy = WeightedDistance.TripletAccuracy(heldOut, w);
            curve.Add(new TrainingEpoch(epoch, EpochLoss(w, usable, toA, toB), accuracy));
            if (accuracy > best.Accuracy) { best = ((float[])w.Clone(), accuracy, epoch); stale = 0; }
            else stale++;
        }
        return new TripletTrainingResult(best.Weights, best.Accuracy, baseline, best.Epoch, curve);
    }

    private void Accumulate(float[] w, TripletAnswer answer, float[] sqA, float[] sqB, double[] gradient, double scale)
    {
        var dA = Math.Sqrt(Math.Max(1e-12, TensorPrimitives.Dot(w, sqA)));
        var dB = Math.Sqrt(Math.Max(1e-12, TensorPrimitives.Dot(w, sqB)));
        // d(dA)/dw_i = sqA_i / (2 dA); the loss picks a coefficient for each side.
        double coefA, coefB;
        switch (answer)
        {
            case TripletAnswer.A when dA - dB + _options.Margin > 0: (coefA, coefB) = (1, -1); break;
            case TripletAnswer.B when dB - dA + _options.Margin > 0: (coefA, coefB) = (-1, 1); break;
            case TripletAnswer.TooSimilar or TripletAnswer.AnchorTooDifferent:
                var g = 2 * _options.EqualityWeight * (dA - dB);
                (coefA, coefB) = (g, -g);
                break;
            default: return;
        }
        double ka = scale * coefA / (2 * dA), kb = scale * coefB / (2 * dB);
        for (var d = 0; d < gradient.Length; d++) gradient[d] += ka * sqA[d] + kb * sqB[d];
    }

    private double EpochLoss(float[] w, List<TripletExample> usable, float[][] toA, float[][] toB)
    {
        var loss = 0.0;
        for (var i = 0; i < usable.Count; i++)
        {
            var dA = Math.Sqrt(Math.Max(0, TensorPrimitives.Dot(w, toA[i])));
            var dB = Math.Sqrt(Math.Max(0, TensorPrimitives.Dot(w, toB[i])));
            loss += usable[i].Answer switch
            {
                TripletAnswer.A => Math.Max(0, dA - dB + _options.Margin),
                TripletAnswer.B => Math.Max(0, dB - dA + _options.Margin),
                _ => _options.EqualityWeight * (dA - dB) * (dA - dB),
            };
        }
        var reg = w.Sum(x => (x - 1.0) * (x - 1.0)) / w.Length;
        return loss / usable.Count + _options.Regularization * reg;
    }

    private static float[] SquaredDiff(float[] x, float[] y)
    {
        var diff = new float[x.Length];
        TensorPrimitives.Subtract(x, y, diff);
        TensorPrimitives.Multiply(diff, diff, diff);
        return diff;
    }

    private sealed class AdamState(int dim)
    {
        private readonly double[] _m = new double[dim];
        private readonly double[] _v = new double[dim];
        private int _t;

        // One Adam step, then projection onto w >= 0 (the constraint of the distance).
        public void Step(float[] w, double[] gradient, double rate)
        {
            _t++;
            double c1 = 1 - Math.Pow(0.9, _t), c2 = 1 - Math.Pow(0.999, _t);
            for (var d = 0; d < w.Length; d++)
            {
                _m[d] = 0.9 * _m[d] + 0.1 * gradient[d];
                _v[d] = 0.999 * _v[d] + 0.001 * gradient[d] * gradient[d];
                w[d] = (float)Math.Max(0, w[d] - rate * (_m[d] / c1) / (Math.Sqrt(_v[d] / c2) + 1e-8));
            }
        }
    }
}
