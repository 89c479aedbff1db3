using System.Diagnostics;
using System.Text.Json;

namespace ResearchKit.Tests.Judging;

/// <summary>
/// Debian's Chromium started headless with a throw-away profile and the DevTools protocol on a free port (read back
/// from the profile's DevToolsActivePort file); the process is killed and the profile deleted on dispose.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TempDirectory _profile;

    private ChromiumBrowser(Process process, TempDirectory profile, int port)
    {
        _process = process;
        _profile = profile;
        Port = port;
    }

    /// <summary>The DevTools HTTP/WebSocket port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>$CHROMIUM, else chromium (or chromium-browser) on the PATH; null when there is none.</summary>
    public static string? FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } given) return File.Exists(given) ? given : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator).SelectMany(dir => new[] { "chromium", "chromium-browser" }.Select(name => Path.Combine(dir, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>Starts the browser; <paramref name="extraArguments"/> are added to its command line (e.g. network rules).</summary>
    public static async Task<ChromiumBrowser> LaunchAsync(string executable, params string[] extraArguments)
    {
        var profile = new TempDirectory();
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--headless=new", "--remote-debugging-port=0", $"--user-data-dir={profile.Path}", "--no-first-run",
                     "--no-default-browser-check", "--disable-gpu", "--disable-extensions", "--disable-dev-shm-usage", "--window-size=1280,900", "about:blank" })
            start.ArgumentList.Add(arg);
        if (Environment.UserName == "root") start.ArgumentList.Insert(0, "--no-sandbox");
        foreach (var arg in extraArguments) start.ArgumentList.Insert(0, arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {executable}");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var portFile = Path.Combine(profile.Path, "DevToolsActivePort");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"{executable} exited with code {process.ExitCode} before DevTools came up.");
            if (File.Exists(portFile) && File.ReadAllLines(portFile) is [var port, ..] && int.TryParse(port, out var number))
                return new ChromiumBrowser(process, profile, number);
            await Task.Delay(100);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{executable} did not write {portFile} within 60 s.");
    }

    /// <summary>Connects to the first page target (the about:blank tab the browser opened).</summary>
    public async Task<CdpConnection> OpenPageAsync()
    {
        using var http = new HttpClient();
        for (var attempt = 0; ; attempt++)
        {
            using var targets = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{Port}/json/list"));
            var page = targets.RootElement.EnumerateArray().FirstOrDefault(t => t.GetProperty("type").GetString() == "page");
            if (page.ValueKind == JsonValueKind.Object)
                return await CdpConnection.ConnectAsync(new Uri(page.GetProperty("webSocketDebuggerUrl").GetString()!));
            if (attempt > 50) throw new InvalidOperationException("the browser has no page target.");
            await Task.Delay(100);
        }
    }

    /// <summary>Opens a new tab on <paramref name="url"/> and connects to it; returns the connection and the tab's target id.</summary>
    public async Task<(CdpConnection Page, string TargetId)> OpenTabAsync(Uri url)
    {
        using var http = new HttpClient();
        var reply = await http.PutAsync($"http://127.0.0.1:{Port}/json/new?{url}", null);
        reply.EnsureSuccessStatusCode();
        using var target = JsonDocument.Parse(await reply.Content.ReadAsStringAsync());
        var page = await CdpConnection.ConnectAsync(new Uri(target.RootElement.GetProperty("webSocketDebuggerUrl").GetString()!));
        return (page, target.RootElement.GetProperty("id").GetString()!);
    }

    /// <summary>Closes a tab as a user would (its page gets pagehide).</summary>
    public async Task CloseTabAsync(string targetId)
    {
        using var http = new HttpClient();
        (await http.GetAsync($"http://127.0.0.1:{Port}/json/close/{targetId}")).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException) { }
        catch (TimeoutException) { }
        _process.Dispose();
        _profile.Dispose();
    }
}
