namespace ResearchKit.Projection;

/// <summary>UMAP settings; the defaults are the paper's and umap-learn's (15 neighbours, min_dist 0.1, spread 1, 5 negative samples).</summary>
public sealed record UmapOptions
{
    public int Neighbors { get; init; } = 15;
    public int Components { get; init; } = 2;
    public double MinDist { get; init; } = 0.1;
    public double Spread { get; init; } = 1.0;
    public ProjectionMetric Metric { get; init; } = ProjectionMetric.Cosine;

    /// <summary>Optimisation epochs; null picks 500 below 10,000 points and 200 above, as umap-learn does.</summary>
    public int? Epochs { get; init; }

    public int NegativeSamples { get; init; } = 5;
    public double LearningRate { get; init; } = 1.0;

    /// <summary>Above this many points the neighbour graph comes from NN-descent instead of a brute-force scan.</summary>
    public int ExactNeighborLimit { get; init; } = 20_000;

    public int Seed { get; init; } = 42;

    internal void Validate(int points)
    {
        if (Neighbors < 2 || Neighbors >= points)
            throw new ArgumentOutOfRangeException(nameof(Neighbors), Neighbors, $"Neighbors must be between 2 and points - 1 ({points - 1}).");
        if (Components < 1) throw new ArgumentOutOfRangeException(nameof(Components), Components, "Components must be at least 1.");
        if (Epochs is < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1, or null for the default.");
        if (NegativeSamples < 0) throw new ArgumentOutOfRangeException(nameof(NegativeSamples), NegativeSamples, "NegativeSamples cannot be negative.");
        if (!(LearningRate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be positive.");
    }
}
