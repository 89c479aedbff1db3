namespace ResearchKit.Tuning;

/// <summary>Settings of triplet-weight training; the defaults suit L2-normalised embeddings.</summary>
public sealed record TripletTrainingOptions
{
    /// <summary>Margin m in max(0, d(a, p) - d(a, n) + m).</summary>
    public double Margin { get; init; } = 0.05;

    /// <summary>Weight of the equality penalty (d(a, A) - d(a, B))^2 for "too similar" and "anchor too different" answers.</summary>
    public double EqualityWeight { get; init; } = 1.0;

    /// <summary>Strength of the pull toward uniform weights: lambda * mean_i (w_i - 1)^2.</summary>
    public double Regularization { get; init; } = 1e-3;

    /// <summary>Adam step size.</summary>
    public double LearningRate { get; init; } = 0.02;

    /// <summary>Triplets per step.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>Most passes over the training triplets.</summary>
    public int MaxEpochs { get; init; } = 60;

    /// <summary>Stop after this many epochs without a better held-out accuracy; the best epoch's weights are kept.</summary>
    public int Patience { get; init; } = 6;

    /// <summary>Seed for the shuffling; the same seed and data give the same weights.</summary>
    public int Seed { get; init; } = 1;
}
