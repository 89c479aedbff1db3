using Microsoft.Extensions.Logging;
using ResearchKit.Service.Judging;

namespace ResearchKit.Tests.Judging;

/// <summary>The judging server on 127.0.0.1 with a free port, and an HttpClient that carries the session token.</summary>
public sealed class JudgeHost : IAsyncDisposable
{
    private JudgeHost(JudgeApp app)
    {
        App = app;
        Client = new HttpClient { BaseAddress = app.BaseAddress };
        Client.DefaultRequestHeaders.Add(JudgeRequestGuard.TokenHeader, app.Token);
        Bare = new HttpClient { BaseAddress = app.BaseAddress };
    }

    public JudgeApp App { get; }

    /// <summary>A client that sends the token, as the page does.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without the token.</summary>
    public HttpClient Bare { get; }

    public static async Task<JudgeHost> StartAsync(JudgeOptions options)
    {
        var app = JudgeApp.Build(options with { Port = 0 }, l => l.ClearProviders());
        await app.StartAsync();
        return new JudgeHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Bare.Dispose();
        await App.DisposeAsync();
    }
}
