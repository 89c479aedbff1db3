using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ResearchKit.Service.Judging;

/// <summary>
/// The judging page's server: an ASP.NET Core minimal API bound to 127.0.0.1 only, guarded by a per-session token
/// and a same-origin check, over one <see cref="JudgeSession"/>.
/// </summary>
public sealed class JudgeApp : IAsyncDisposable
{
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private JudgeApp(WebApplication web, JudgeSession session, string token)
    {
        Web = web;
        Session = session;
        Token = token;
    }

    /// <summary>The ASP.NET Core application.</summary>
    public WebApplication Web { get; }

    /// <summary>The judging state (dataset, space, judgments database).</summary>
    public JudgeSession Session { get; }

    /// <summary>The session token the page carries.</summary>
    public string Token { get; }

    /// <summary>Base address once started, e.g. http://127.0.0.1:5060/.</summary>
    public Uri BaseAddress => new(Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    /// <summary>The address to open in a browser: the page with the session token.</summary>
    public Uri PageAddress => new(BaseAddress, "?t=" + Token);

    /// <summary>Opens the session and builds the app, not yet started.</summary>
    /// <exception cref="JudgeException">The dataset cannot be judged as asked (no space, bad queries file, ...).</exception>
    public static JudgeApp Build(JudgeOptions options, Action<ILoggingBuilder>? logging = null)
    {
        if (options.Port is < 0 or > 65535) throw new JudgeException($"--port {options.Port} is not a TCP port; use 1-65535, or 0 for a free one.");
        var session = new JudgeSession(options);
        var token = options.Token ?? JudgeRequestGuard.NewToken();
        var builder = WebApplication.CreateSlimBuilder();
        // Loopback only: the page is for the person at this machine, never for the network.
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024);
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemResponse.Describe);
        if (logging is not null) logging(builder.Logging);
        var web = builder.Build();
        web.Lifetime.ApplicationStopped.Register(session.Dispose);
        var guard = new JudgeRequestGuard(token);
        // Every refusal is an RFC 7807 problem, including the framework's own (404 no route, 405, 415).
        web.UseStatusCodePages();
        web.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (guard.Check(context.Request) is { } refusal)
            {
                await ProblemResponse.WriteAsync(context, refusal.Status, refusal.Reason, "Refused");
                return;
            }
            try { await next(context); }
            catch (Exception e) when (e is ResearchKitException or BadHttpRequestException && !context.Response.HasStarted)
            {
                await ProblemResponse.WriteAsync(context, e);
            }
        });
        JudgeEndpoints.Map(web, session, token);
        return new JudgeApp(web, session, token);
    }

    /// <summary>Starts listening.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => Web.StartAsync(cancellationToken);

    /// <summary>Stops the server and closes the judgments database.</summary>
    public async ValueTask DisposeAsync()
    {
        await Web.StopAsync();
        await Web.DisposeAsync();
    }
}
