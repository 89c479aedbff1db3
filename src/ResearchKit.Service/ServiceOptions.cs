namespace ResearchKit.Service;

/// <summary>How <c>researchkit serve</c> runs: what it serves, where it listens and its protective limits.</summary>
public sealed record ServiceOptions
{
    /// <summary>The dataset folder whose store is served (read-only).</summary>
    public required string Dataset { get; init; }

    /// <summary>The exported search config; edits to it are hot-reloaded.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Store folder when it is not DATASET/.researchkit.</summary>
    public string? StoreDirectory { get; init; }

    /// <summary>Listen addresses; loopback only unless the caller asks otherwise.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5055";

    /// <summary>When set, every endpoint but /health requires it as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Requests served at once; more wait in the queue.</summary>
    public int MaxConcurrentRequests { get; init; } = Math.Max(4, Environment.ProcessorCount * 4);

    /// <summary>Requests allowed to wait; beyond it the service answers 429.</summary>
    public int QueueLimit { get; init; } = 64;

    /// <summary>A request still running after this is cancelled with 504.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest accepted upload (image body) in bytes.</summary>
    public long MaxUploadBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Likes database; default <c>likes.sqlite</c> beside the config file.</summary>
    public string? LikesPath { get; init; }
}
