namespace ResearchKit.Service.Judging;

/// <summary>How <c>researchkit judge</c> runs.</summary>
public sealed record JudgeOptions
{
    /// <summary>Dataset folder (its store must hold the space).</summary>
    public required string Dataset { get; init; }

    /// <summary>Space whose vectors pick tasks and measure agreement; default the tuned space, else the store's first.</summary>
    public string? Space { get; init; }

    /// <summary>Triplets (which option is closer to the anchor) or relevance (is this result relevant to the query).</summary>
    public JudgeMode Mode { get; init; } = JudgeMode.Triplets;

    /// <summary>Most uncertain triplets first (true) or random triplets.</summary>
    public bool Uncertain { get; init; } = true;

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 5060;

    /// <summary>Who is judging (stored with each answer).</summary>
    public string Judge { get; init; } = Environment.UserName;

    /// <summary>Store folder when it is not DATASET/.researchkit.</summary>
    public string? StoreDirectory { get; init; }

    /// <summary>Relevance mode: a text file of queries, one a line (text, or <c>id:ITEM</c>); default: random items as queries.</summary>
    public string? QueriesFile { get; init; }

    /// <summary>Results judged per relevance query.</summary>
    public int ResultsPerQuery { get; init; } = 8;

    /// <summary>Seed of the random anchors, triplets and query items.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The session token; default a fresh random one (tests pass their own).</summary>
    public string? Token { get; init; }
}
