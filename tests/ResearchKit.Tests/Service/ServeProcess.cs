using System.Diagnostics;
using System.Text.RegularExpressions;
using ResearchKit.Tests.Embeddings;

namespace ResearchKit.Tests.Service;

/// <summary>
/// A real <c>researchkit serve</c> (or <c>researchkit judge</c>) process on 127.0.0.1 with an ephemeral port (read
/// from the "listening on" or "open" line it prints), optionally run as the unprivileged user <c>nobody</c>
/// (<see cref="Unprivileged"/>) so that file permissions bite even when the tests run as root.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
    private readonly CliProcess _cli;
    private readonly TempDirectory _home;

    private ServeProcess(CliProcess cli, TempDirectory home, Uri address, string? token)
    {
        _cli = cli;
        _home = home;
        Address = address;
        Token = token;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>The service's base address, e.g. http://127.0.0.1:41235/.</summary>
    public Uri Address { get; }

    /// <summary>The judging page's session token (null for serve).</summary>
    public string? Token { get; }

    /// <summary>A client pointed at the service.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's process id (setpriv execs into dotnet, so it is the server itself).</summary>
    public int Pid => _cli.Process.Id;

    public bool HasExited => _cli.Process.HasExited;

    /// <summary>Everything the process printed so far (stdout, then stderr).</summary>
    public string Output => _cli.Out + _cli.Error;

    /// <summary>Starts <c>researchkit serve DATASET --config CONFIG</c> on an ephemeral loopback port unless <paramref name="extra"/> names --urls.</summary>
    public static Task<ServeProcess> StartAsync(string dataset, string config, bool unprivileged = false, params string[] extra) =>
        StartCliAsync(["serve", dataset, "--config", config, .. extra.Contains("--urls") ? extra : [.. extra, "--urls", "http://127.0.0.1:0"]], unprivileged);

    /// <summary>Starts <c>researchkit judge DATASET --port 0</c>.</summary>
    public static Task<ServeProcess> StartJudgeAsync(string dataset, params string[] extra) =>
        StartCliAsync(["judge", dataset, "--port", "0", .. extra], unprivileged: false);

    private static async Task<ServeProcess> StartCliAsync(string[] args, bool unprivileged)
    {
        // A home of its own, open to nobody: the runtime and ASP.NET write there (and spool large bodies to TMPDIR).
        var home = new TempDirectory();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(home.Path, (UnixFileMode)0b111_111_111);
        var cli = CliProcess.Start(args, unprivileged ? Unprivileged.Prefix : null, new Dictionary<string, string>
        {
            ["HOME"] = home.Path, ["DOTNET_CLI_HOME"] = home.Path, ["TMPDIR"] = home.Path, ["RESEARCHKIT_API_KEY"] = "",
        });
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < StartLimit && !cli.Process.HasExited)
        {
            // A wildcard bind is reached through loopback.
            if (ListeningLine().Match(cli.Out + cli.Error) is { Success: true } m)
                return new ServeProcess(cli, home,
                    new Uri(m.Groups[1].Value.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1") + "/"),
                    m.Groups[2].Success ? m.Groups[2].Value : null);
            await Task.Delay(50);
        }
        cli.Dispose();
        home.Dispose();
        throw new InvalidOperationException($"researchkit {args[0]} did not start ({(cli.Process.HasExited ? "it exited" : "no address within 2 minutes")}):\n{cli.Out}\n{cli.Error}");
    }

    /// <summary>The server's resident memory in MB, from /proc.</summary>
    public double RssMegabytes() => StatusMegabytes("VmRSS:");

    /// <summary>The most resident memory the server has had so far in MB (the kernel's high-water mark).</summary>
    public double PeakRssMegabytes() => StatusMegabytes("VmHWM:");

    private double StatusMegabytes(string field)
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; false when it never did within the limit (a hang guard, not a timing assertion).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, int limitSeconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < limitSeconds)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    /// <summary>The value of a counter or gauge in /metrics (0 when absent).</summary>
    public async Task<double> MetricAsync(string name)
    {
        var text = await Client.GetStringAsync("/metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(name.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_cli.Process.HasExited) _cli.Process.Kill(entireProcessTree: true);
        await _cli.Process.WaitForExitAsync();
        _cli.Dispose();
        _home.Dispose();
    }

    [GeneratedRegex(@"(?:; listening on|(?:^|\n)open) (http://[^\s/,]+)(?:/\?t=([\w-]+))?")]
    private static partial Regex ListeningLine();
}
