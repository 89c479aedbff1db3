using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;

namespace ResearchKit.Kernel.Client;

/// <summary>
/// A kernel started as a child process, the way Jupyter clients start one: a fresh connection file (free loopback ports,
/// a random signing key) in a private folder, the kernelspec's argv, and a watch on how the process ends.
/// </summary>
public sealed class KernelProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly Queue<string> _stderr = new();
    private readonly int _keepLines;
    private readonly Task _stderrDrained;

    private KernelProcess(Process process, string folder, ConnectionInfo connection, int keepLines)
    {
        _process = process;
        _folder = folder;
        _keepLines = keepLines;
        Connection = connection;
        _stderrDrained = Task.Run(DrainStandardError);
        _ = Task.Run(() => process.StandardOutput.BaseStream.CopyToAsync(Stream.Null));
        Exited = WaitForExitAsync();
    }

    /// <summary>The connection the kernel was given.</summary>
    public ConnectionInfo Connection { get; }

    /// <summary>Completes with the exit code when the process has ended and its stderr has been read.</summary>
    public Task<int> Exited { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>The last lines the kernel wrote to stderr.</summary>
    public IReadOnlyList<string> StandardErrorTail
    {
        get { lock (_stderr) return [.. _stderr]; }
    }

    /// <summary>The start of the runtime's crash report in stderr (or its last lines), a dozen short lines at most.</summary>
    public IReadOnlyList<string> CrashReport()
    {
        var tail = StandardErrorTail;
        var start = tail.Select((l, i) => (l, i)).FirstOrDefault(x => Reason([x.l]) is not null, (l: "", i: Math.Max(0, tail.Count - 12))).i;
        return [.. tail.Skip(start).Take(12).Select(l => l.Length > 200 ? l[..200] + "…" : l)];
    }

    /// <summary>Writes a connection file and starts the kernel; it binds the ports itself.</summary>
    public static KernelProcess Start(KernelProcessOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("researchkit-kernel-").FullName;
        var ports = FreePorts(5);
        var connection = new ConnectionInfo
        {
            ShellPort = ports[0], IopubPort = ports[1], StdinPort = ports[2], ControlPort = ports[3], HeartbeatPort = ports[4],
            Key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            KernelName = "researchkit-csharp",
        };
        var file = Path.Combine(folder, "connection.json");
        File.WriteAllText(file, JsonSerializer.Serialize(connection));
        var start = new ProcessStartInfo(options.Argv[0])
        {
            WorkingDirectory = options.WorkingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in options.Argv.Skip(1)) start.ArgumentList.Add(argument == "{connection_file}" ? file : argument);
        foreach (var (name, value) in options.Environment) start.Environment[name] = value;
        var process = Process.Start(start) ?? throw new KernelProtocolException($"Could not start the kernel '{options.Argv[0]}'.");
        return new KernelProcess(process, folder, connection, options.StandardErrorLines);
    }

    /// <summary>How the process ended, in words: exit code or signal, and what the runtime printed about it.</summary>
    public string DescribeExit()
    {
        if (!_process.HasExited) return "the kernel is still running";
        var code = _process.ExitCode;
        var how = code > 128 && code < 160 ? $"was killed by signal {code - 128}{SignalName(code - 128)}" : $"exited with exit code {code}";
        var reason = Reason(StandardErrorTail);
        if (reason is null && code is >= 0 and < 128) reason = code == 0 ? "a cell ended the process (Environment.Exit(0)?)" : "a cell ended the process (Environment.Exit?)";
        return reason is null ? $"The kernel process {how}." : $"The kernel process {how}: {reason}";
    }

    /// <summary>Ends the kernel and its children now.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { /* already gone */ }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* a kernel that still holds the folder; it is in the temp dir */ }
    }

    private async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        await _stderrDrained.ConfigureAwait(false);
        return _process.ExitCode;
    }

    private async Task DrainStandardError()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stderr)
            {
                _stderr.Enqueue(line);
                if (_stderr.Count > _keepLines) _stderr.Dequeue();
            }
        }
    }

    /// <summary>The .NET runtime's own words for a fatal end, when it printed any.</summary>
    private static string? Reason(IReadOnlyList<string> stderr)
    {
        foreach (var line in stderr)
        {
            var text = line.Trim();
            if (text.StartsWith("Stack overflow", StringComparison.Ordinal)) return "Stack overflow (unbounded recursion outside the cell's own methods, e.g. in a lambda or a library).";
            if (text.StartsWith("Unhandled exception.", StringComparison.Ordinal)) return $"{text} (an exception escaped a background thread or task the cell started)";
            if (text.StartsWith("Process terminated.", StringComparison.Ordinal) || text.StartsWith("Fatal error.", StringComparison.Ordinal)) return text;
        }
        return null;
    }

    private static string SignalName(int signal) => signal switch
    {
        4 => " (SIGILL)",
        6 => " (SIGABRT)",
        7 => " (SIGBUS)",
        8 => " (SIGFPE)",
        9 => " (SIGKILL: killed from outside, or out of memory)",
        11 => " (SIGSEGV: a native crash)",
        15 => " (SIGTERM)",
        _ => "",
    };

    /// <summary>Distinct free loopback ports (all held open until every one is chosen).</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners) listener.Start();
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            foreach (var listener in listeners) listener.Stop();
        }
    }
}
