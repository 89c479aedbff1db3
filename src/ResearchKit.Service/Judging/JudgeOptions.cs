namespace ResearchKit.Service.Judging;

/// <summary>How <c>researchkit judge</c> runs.</summary>
public sealed record JudgeOptions
{
    /// <summary>Dataset folder (its store must hold the space).</summary>
    public required string Dataset { get; init; }

    /// <summary>Space whose vectors pick triplets and measure agreement; default the store's first.</summary>
    public string? Space { get; init; }

    /// <summary>"triplets" or "relevance".</summary>
    public string Mode { get; init; } = "triplets";

    /// <summary>Most uncertain first (true) or random triplets.</summary>
    public bool Uncertain { get; init; } = true;

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 5060;

    /// <summary>Who is judging (stored with each answer).</summary>
    public string Judge { get; init; } = Environment.UserName;

    /// <summary>Store folder when it is not DATASET/.researchkit.</summary>
    public string? StoreDirectory { get; init; }
}
