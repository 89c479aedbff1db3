namespace ResearchKit.Models.Hub;

/// <summary>Where <see cref="HubClient"/> downloads from, with which credentials, and into which cache.</summary>
public sealed record HubClientOptions
{
    /// <summary>The default hub endpoint, used when neither <see cref="Endpoint"/> nor <c>HF_ENDPOINT</c> is set.</summary>
    public const string DefaultEndpoint = "https://huggingface.co";

    /// <summary>Hub base address; null reads <c>HF_ENDPOINT</c>, then <see cref="DefaultEndpoint"/>.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Bearer token; null reads <c>HF_TOKEN</c> (then the legacy <c>HUGGING_FACE_HUB_TOKEN</c>); empty sends none.</summary>
    public string? Token { get; init; }

    /// <summary>Cache directory; null for <see cref="HubCache.DefaultRoot"/>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>How many times one file is tried when the connection breaks or the server answers 5xx/429; each retry resumes.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Pause before the first retry; doubles each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Resolved endpoint, without a trailing slash.</summary>
    public string ResolveEndpoint()
    {
        var endpoint = Endpoint;
        if (string.IsNullOrEmpty(endpoint)) endpoint = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        if (string.IsNullOrEmpty(endpoint)) endpoint = DefaultEndpoint;
        return endpoint.TrimEnd('/');
    }

    /// <summary>Resolved token, or null for anonymous requests.</summary>
    public string? ResolveToken()
    {
        if (Token is not null) return Token.Length == 0 ? null : Token;
        var token = Environment.GetEnvironmentVariable("HF_TOKEN");
        if (string.IsNullOrEmpty(token)) token = Environment.GetEnvironmentVariable("HUGGING_FACE_HUB_TOKEN");
        return string.IsNullOrEmpty(token) ? null : token.Trim();
    }
}
