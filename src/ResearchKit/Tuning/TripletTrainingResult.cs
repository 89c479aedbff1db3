namespace ResearchKit.Tuning;

/// <summary>What triplet training learned and how it did.</summary>
/// <param name="Weights">The learned non-negative per-dimension weights (best held-out epoch).</param>
/// <param name="HeldOutAccuracy">Held-out triplet accuracy with the learned weights.</param>
/// <param name="BaselineAccuracy">Held-out triplet accuracy of the unweighted distance (all weights 1).</param>
/// <param name="BestEpoch">The epoch whose weights were kept (0 = the uniform start).</param>
/// <param name="Curve">Per-epoch training loss and held-out accuracy, for a training-curve plot.</param>
public sealed record TripletTrainingResult(float[] Weights, double HeldOutAccuracy, double BaselineAccuracy, int BestEpoch, IReadOnlyList<TrainingEpoch> Curve);

/// <summary>One epoch of triplet training.</summary>
public sealed record TrainingEpoch(int Epoch, double TrainLoss, double HeldOutAccuracy);
