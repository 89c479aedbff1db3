using System.Diagnostics;
using System.Text;

namespace ResearchKit.Tests.Embeddings;

/// <summary>A researchkit CLI started as a separate process, with its output captured.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    private CliProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Out { get { lock (_out) return _out.ToString(); } }

    public string Error { get { lock (_error) return _error.ToString(); } }

    /// <summary>Starts <c>researchkit ARGS</c>; <paramref name="prefix"/> runs it under another program (e.g. setpriv).</summary>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyList<string>? prefix = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "researchkit.dll");
        var command = new List<string>(prefix ?? []) { DotnetHost(), cli };
        command.AddRange(args);
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in command.Skip(1)) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        var started = new CliProcess(Process.Start(info)!);
        started.Process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (started._out) started._out.AppendLine(e.Data); };
        started.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (started._error) started._error.AppendLine(e.Data); };
        started.Process.BeginOutputReadLine();
        started.Process.BeginErrorReadLine();
        return started;
    }

    /// <summary>Waits for the exit (failing the test after <paramref name="minutes"/>) and returns the exit code.</summary>
    public async Task<int> WaitAsync(double minutes = 5)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        await Process.WaitForExitAsync(timeout.Token);
        Process.WaitForExit();  // flushes the redirected output
        return Process.ExitCode;
    }

    /// <summary>The dotnet host running this test, so a child uses the same runtime.</summary>
    public static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
