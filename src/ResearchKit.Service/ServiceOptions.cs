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

    /// <summary>Largest JSON request body in bytes (search, similar by id, tags, likes).</summary>
    public long MaxJsonBytes { get; init; } = 1024 * 1024;

    /// <summary>Uploads whose header declares more pixels than this are refused with 413 before any pixel is decoded.</summary>
    public long MaxUploadPixels { get; init; } = Imaging.ImageLoadOptions.DefaultMaxPixels;

    /// <summary>
    /// An upload with more pixels than this is decoded reduced by a whole factor to fit (about 16 MB of RGBA at the
    /// default), so one request's decoded image costs at most this much memory whatever its size.
    /// </summary>
    public long MaxDecodedPixels { get; init; } = 2048 * 2048;

    /// <summary>A client sending its body slower than this (after a 5 s grace) is disconnected.</summary>
    public double MinRequestBodyBytesPerSecond { get; init; } = 240;

    /// <summary>A client that has not sent all its headers after this is disconnected.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Most labels one /tags request may send (each is embedded by the text tower).</summary>
    public int MaxTagLabels { get; init; } = 256;

    /// <summary>Longest label (characters) a /tags request may send.</summary>
    public int MaxTagLabelLength { get; init; } = 200;

    /// <summary>
    /// Host names (without port) the service answers to; others get 400, so a DNS-rebinding page cannot reach a
    /// loopback service. Default: the loopback names, plus the listen host when it is a specific non-loopback one;
    /// any host when listening on a wildcard address (0.0.0.0, [::], *). Loopback names are always allowed.
    /// </summary>
    public IReadOnlyList<string>? AllowedHosts { get; init; }

    /// <summary>Likes database; default <c>likes.sqlite</c> beside the config file.</summary>
    public string? LikesPath { get; init; }
}
