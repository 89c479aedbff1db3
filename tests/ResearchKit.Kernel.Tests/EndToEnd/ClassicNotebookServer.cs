using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ResearchKit.Cli.Jupyter;

namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>Debian's classic Notebook server on 127.0.0.1 (a free port, a random token) with this build's kernelspec installed privately.</summary>
public sealed class ClassicNotebookServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly int _port;
    private readonly string _token;

    private ClassicNotebookServer(Process process, int port, string token)
    {
        _process = process;
        _port = port;
        _token = token;
    }

    /// <summary>Serves <paramref name="folder"/>; Jupyter's data, config and runtime go under <paramref name="jupyterHome"/>.</summary>
    public static async Task<ClassicNotebookServer> StartAsync(string folder, string jupyterHome)
    {
        var data = Path.Combine(jupyterHome, "data");
        KernelSpecInstaller.Install(data, [DotNet.Host, DotNet.ResearchKit]);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var token = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo(JupyterTools.Python, ["-m", "notebook", "--no-browser", "--ip=127.0.0.1", $"--port={port}", "--port-retries=0",
            $"--NotebookApp.token={token}", $"--notebook-dir={folder}", "--NotebookApp.disable_check_xsrf=False"])
        { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var (name, value) in new Dictionary<string, string>
                 {
                     ["JUPYTER_PATH"] = data, ["JUPYTER_DATA_DIR"] = data, ["JUPYTER_CONFIG_DIR"] = Path.Combine(jupyterHome, "config"),
                     ["JUPYTER_RUNTIME_DIR"] = Path.Combine(jupyterHome, "runtime"), ["JUPYTER_PLATFORM_DIRS"] = "1", ["HOME"] = jupyterHome,
                 })
            start.Environment[name] = value;
        if (Environment.UserName == "root") start.ArgumentList.Add("--allow-root");
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new ClassicNotebookServer(process, port, token);
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited) throw new InvalidOperationException($"jupyter notebook exited with code {process.ExitCode}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/api/status?token={token}")).IsSuccessStatusCode) return server;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        await server.DisposeAsync();
        throw new TimeoutException("jupyter notebook did not answer within 90 s");
    }

    public Uri NotebookAddress(string file) => new($"http://127.0.0.1:{_port}/notebooks/{Uri.EscapeDataString(file)}?token={_token}");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
    }
}
