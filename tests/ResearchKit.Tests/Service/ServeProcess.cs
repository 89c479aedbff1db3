using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ResearchKit.Tests.Service;

/// <summary>
/// A real <c>researchkit serve</c> (or <c>researchkit judge</c>) process on 127.0.0.1 with an ephemeral port (read
/// from the "listening on" or "open" line it prints), optionally run as the unprivileged user <c>nobody</c> so that
/// file permissions bite even when the tests run as root.
/// </summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines;
    private readonly TempDirectory _home;

    private ServeProcess(Process process, ConcurrentQueue<string> lines, TempDirectory home, Uri address, string? token)
    {
        _process = process;
        _lines = lines;
        _home = home;
        Address = address;
        Token = token;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
    }

    /// <summary>The judging page's session token (null for serve).</summary>
    public string? Token { get; }

    /// <summary>The service's base address, e.g. http://127.0.0.1:41235/.</summary>
    public Uri Address { get; }

    /// <summary>A client pointed at the service.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's process id (setpriv execs into dotnet, so it is the server itself).</summary>
    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process printed so far (stdout and stderr, one line each).</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>True when the tests run as root and can drop to nobody with setpriv; false when they already run unprivileged.</summary>
    public static bool MustDropPrivileges => Environment.IsPrivilegedProcess;

    /// <summary>Null when an unprivileged server can be started here; otherwise why not.</summary>
    public static string? UnprivilegedUnavailable
    {
        get
        {
            if (!OperatingSystem.IsLinux()) return "needs Linux file permissions";
            if (!MustDropPrivileges) return null;
            if (!File.Exists("/usr/bin/setpriv") && !File.Exists("/bin/setpriv")) return "the tests run as root and setpriv (util-linux) is missing, so the server cannot run as nobody";
            var needed = new[] { Path.Combine(AppContext.BaseDirectory, "researchkit.dll"), FixturePaths.Model("siglip-tiny"), Path.GetTempPath() };
            foreach (var path in needed)
                if (!OthersCanRead(path))
                    return $"nobody cannot read {path} (or a folder above it), so a server run as nobody could not start; make the checkout and build output world-readable";
            return null;
        }
    }

    // The path and every folder above it must be open to "others", as nobody is neither owner nor group.
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static bool OthersCanRead(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full)) return false;
        if (!File.GetUnixFileMode(full).HasFlag(UnixFileMode.OtherRead)) return false;
        for (var dir = Directory.Exists(full) ? full : Path.GetDirectoryName(full); dir is not null; dir = Path.GetDirectoryName(dir))
            if (!File.GetUnixFileMode(dir).HasFlag(UnixFileMode.OtherExecute)) return false;
        return true;
    }

    /// <summary>Starts <c>researchkit serve DATASET --config CONFIG</c> on an ephemeral loopback port unless <paramref name="extra"/> names --urls.</summary>
    public static Task<ServeProcess> StartAsync(string dataset, string config, bool unprivileged = false, params string[] extra) =>
        StartCliAsync(["serve", dataset, "--config", config, .. extra.Contains("--urls") ? extra : [.. extra, "--urls", "http://127.0.0.1:0"]], unprivileged);

    /// <summary>Starts <c>researchkit judge DATASET --port 0</c>.</summary>
    public static Task<ServeProcess> StartJudgeAsync(string dataset, params string[] extra) =>
        StartCliAsync(["judge", dataset, "--port", "0", .. extra], unprivileged: false);

    private static async Task<ServeProcess> StartCliAsync(string[] args, bool unprivileged)
    {
        var home = new TempDirectory();
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(home.Path, (UnixFileMode)0b111_111_111);
        var cli = Path.Combine(AppContext.BaseDirectory, "researchkit.dll");
        var info = new ProcessStartInfo(unprivileged && MustDropPrivileges ? "setpriv" : "dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        if (unprivileged && MustDropPrivileges)
            foreach (var a in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dotnet" }) info.ArgumentList.Add(a);
        info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["HOME"] = home.Path;
        info.Environment["DOTNET_CLI_HOME"] = home.Path;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["TMPDIR"] = home.Path;
        info.Environment.Remove("RESEARCHKIT_API_KEY");

        var lines = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<(Uri, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        void Read(string? line)
        {
            if (line is null) return;
            lines.Enqueue(line);
            // A wildcard bind is reached through loopback.
            if (ListeningLine().Match(line) is { Success: true } m)
                listening.TrySetResult((new Uri(m.Groups[1].Value.Replace("0.0.0.0", "127.0.0.1").Replace("[::]", "127.0.0.1") + "/"),
                    m.Groups[2].Success ? m.Groups[2].Value : null));
        }
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("serve exited before listening"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var (address, token) = await listening.Task.WaitAsync(StartLimit);
            return new ServeProcess(process, lines, home, address, token);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            home.Dispose();
            throw new InvalidOperationException($"researchkit {args[0]} did not start ({e.Message}):\n{string.Join('\n', lines)}");
        }
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
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _home.Dispose();
    }

    [GeneratedRegex(@"(?:; listening on|^open) (http://[^\s/,]+)(?:/\?t=([\w-]+))?")]
    private static partial Regex ListeningLine();
}
