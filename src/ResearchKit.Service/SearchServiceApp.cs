using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using KestrelServerLimits = Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits;
using MinDataRate = Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResearchKit.Service;

/// <summary>
/// Builds the production search service: a minimal API over a read-only store and a hot-reloaded search config,
/// with an API key, a Host allow-list, bodies received before a worker slot is taken, a bounded queue (429 when
/// full), request timeouts (504), upload and pixel limits, RFC 7807 problem details and Prometheus metrics.
/// </summary>
public static class SearchServiceApp
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Loads the config and store (failing fast on a hash mismatch) and returns the app, not yet started.</summary>
    public static WebApplication Build(ServiceOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => Limit(k.Limits, options));
        // Per-request "Request starting/finished" lines cost more than a search at this scale; keep framework
        // logs to warnings (our own start-up, reload and error lines still log at Information).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (logging is not null) logging(builder.Logging);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        // Malformed bodies and parameters throw, so they reach the problem middleware with the framework's reason.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemResponse.Describe);
        builder.Services.AddOpenApi();
        var metrics = new ServiceMetrics();
        builder.Services.AddRateLimiter(o => Queue(o, options, metrics));
        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = options.RequestTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout });

        var app = builder.Build();
        var hosts = new HostFilter(options);
        if (hosts.ListensBeyondLoopback && options.ApiKey is null)
            app.Logger.LogWarning("serving beyond loopback ({Urls}) without an API key: anyone who can reach this port can search the dataset and write likes. " +
                "Set --api-key (or RESEARCHKIT_API_KEY), or listen on http://127.0.0.1.", options.Urls);
        if (hosts.ListensBeyondLoopback && hosts.AllowsAnyHost)
            app.Logger.LogInformation("answering any Host name; name the ones clients use with --allowed-hosts to refuse the rest.");
        var holder = new ServiceStateHolder(options, app.Logger);
        var likes = new LikeStore(options.LikesPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.ConfigPath))!, "likes.sqlite"));
        app.Lifetime.ApplicationStopped.Register(() => { holder.Dispose(); likes.Dispose(); });

        app.Use(async (context, next) =>
        {
            var clock = Stopwatch.StartNew();
            try { await next(context); }
            finally { metrics.Observe(EndpointName(context), context.Response.StatusCode, clock.Elapsed.TotalSeconds); }
        });
        app.UseExceptionHandler();
        // Framework answers without a body (404 no route, 405, 415, 504) get a problem body too.
        app.UseStatusCodePages();
        app.Use(async (context, next) =>
        {
            try { await next(context); }
            catch (Exception e) when (e is ResearchKitException or ArgumentException or InvalidDataException or BadHttpRequestException && !context.Response.HasStarted)
            {
                await ProblemResponse.WriteAsync(context, e);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away; nobody reads an answer. (Timeouts are answered 504 by their own middleware.)
                context.Response.StatusCode = 499;
            }
        });
        app.Use(async (context, next) =>
        {
            if (!hosts.Allows(context.Request.Host))
                await ProblemResponse.WriteAsync(context, StatusCodes.Status400BadRequest,
                    $"Host '{context.Request.Host}' is not a name this service answers to ({hosts.Describe()}); add it with --allowed-hosts.", "HostNotAllowed");
            else if (options.ApiKey is { } key && !context.Request.Path.StartsWithSegments("/health") && !HasKey(context.Request, key))
                await ProblemResponse.WriteAsync(context, StatusCodes.Status401Unauthorized,
                    "missing or wrong API key; send it as 'X-Api-Key: KEY' or 'Authorization: Bearer KEY'.", "Unauthorized");
            else
            {
                await BufferedRequestBody.ReceiveAsync(context, options);
                await next(context);
            }
        });
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.Use(async (context, next) =>
        {
            using var lease = holder.Acquire();
            context.Features.Set(lease);
            await next(context);
        });
        app.MapOpenApi();
        // Uploads over the decode budget are the ones whose memory is worth handing back.
        SearchEndpoints.Map(app, holder, likes, metrics, new UploadMemory(options.MaxDecodedPixels), options);
        return app;
    }

    private static void Limit(KestrelServerLimits limits, ServiceOptions options)
    {
        limits.MaxRequestBodySize = Math.Max(options.MaxUploadBytes, options.MaxJsonBytes);
        limits.MinRequestBodyDataRate = new MinDataRate(options.MinRequestBodyBytesPerSecond, TimeSpan.FromSeconds(5));
        limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
    }

    private static void Queue(RateLimiterOptions o, ServiceOptions options, ServiceMetrics metrics)
    {
        o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        o.OnRejected = async (context, _) =>
        {
            metrics.Rejected();
            context.HttpContext.Response.Headers.RetryAfter = "1";
            await ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests,
                $"the service is at capacity ({options.MaxConcurrentRequests} requests running, {options.QueueLimit} waiting); retry in a moment.", "QueueFull");
        };
        o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics")
                ? RateLimitPartition.GetNoLimiter("probe")
                : RateLimitPartition.GetConcurrencyLimiter("work", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = options.MaxConcurrentRequests,
                    QueueLimit = options.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
    }

    private static bool HasKey(HttpRequest request, string key)
    {
        var given = request.Headers["X-Api-Key"].ToString();
        if (given.Length == 0 && request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal)) given = auth[7..];
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
    }

    private static readonly HashSet<string> Endpoints = new(StringComparer.Ordinal) { "search", "similar", "tags", "likes", "recommendations", "health", "metrics", "openapi" };

    // Known endpoints only, so arbitrary paths cannot grow the metric label set without bound.
    private static string EndpointName(HttpContext context)
    {
        var first = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        return Endpoints.Contains(first) ? first : "other";
    }
}
