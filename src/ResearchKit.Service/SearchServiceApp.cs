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
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResearchKit.Service;

/// <summary>
/// Builds the production search service: a minimal API over a read-only store and a hot-reloaded search config,
/// with an API key, a bounded queue (429 when full), request timeouts (504), upload limits and Prometheus metrics.
/// </summary>
public static class SearchServiceApp
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Loads the config and store (failing fast on a hash mismatch) and returns the app, not yet started.</summary>
    public static WebApplication Build(ServiceOptions options, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes);
        // Per-request "Request starting/finished" lines cost more than a search at this scale; keep framework
        // logs to warnings (our own start-up, reload and error lines still log at Information).
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (logging is not null) logging(builder.Logging);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        builder.Services.AddOpenApi();
        var metrics = new ServiceMetrics();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => { metrics.Rejected(); return ValueTask.CompletedTask; };
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics")
                    ? RateLimitPartition.GetNoLimiter("probe")
                    : RateLimitPartition.GetConcurrencyLimiter("work", _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = options.MaxConcurrentRequests,
                        QueueLimit = options.QueueLimit,
                        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    }));
        });
        builder.Services.AddRequestTimeouts(o => o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = options.RequestTimeout, TimeoutStatusCode = StatusCodes.Status504GatewayTimeout });

        var app = builder.Build();
        var holder = new ServiceStateHolder(options, app.Logger);
        var likes = new LikeStore(options.LikesPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(options.ConfigPath))!, "likes.sqlite"));
        app.Lifetime.ApplicationStopped.Register(() => { holder.Dispose(); likes.Dispose(); });

        app.Use(async (context, next) =>
        {
            var clock = Stopwatch.StartNew();
            try { await next(context); }
            finally { metrics.Observe(EndpointName(context), context.Response.StatusCode, clock.Elapsed.TotalSeconds); }
        });
        app.Use(async (context, next) =>
        {
            if (options.ApiKey is { } key && !context.Request.Path.StartsWithSegments("/health") && !HasKey(context.Request, key))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new ServiceError("missing or wrong API key; send it as 'X-Api-Key: KEY' or 'Authorization: Bearer KEY'.", "Unauthorized"), Json);
                return;
            }
            await next(context);
        });
        app.UseRateLimiter();
        app.UseRequestTimeouts();
        app.Use(async (context, next) =>
        {
            try { await next(context); }
            catch (Exception e) when (e is ResearchKitException or ArgumentException or InvalidDataException or BadHttpRequestException)
            {
                if (context.Response.HasStarted) throw;
                context.Response.StatusCode = e switch
                {
                    Embeddings.UnknownItemException => StatusCodes.Status404NotFound,
                    BadHttpRequestException b => b.StatusCode,
                    _ => StatusCodes.Status400BadRequest,
                };
                await context.Response.WriteAsJsonAsync(new ServiceError(e.Message, e.GetType().Name), Json);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
            }
        });
        app.MapOpenApi();
        SearchEndpoints.Map(app, holder, likes, metrics, options);
        return app;
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
