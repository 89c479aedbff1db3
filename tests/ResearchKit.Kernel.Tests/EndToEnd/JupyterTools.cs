using System.Diagnostics;

namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>Debian's Python Jupyter stack (jupyter_client, nbconvert), when installed; the end-to-end tests skip cleanly without it.</summary>
public static class JupyterTools
{
    /// <summary>The Python that has the Debian modules (the pyenv one on PATH may not).</summary>
    public static string Python { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    public static bool Available { get; } = Probe("import jupyter_client, nbconvert, nbformat, zmq");

    /// <summary>True when Debian's classic Notebook server (jupyter-notebook) is installed.</summary>
    public static bool ClassicNotebookAvailable { get; } = Probe("import notebook.notebookapp");

    /// <summary>Runs a process with extra environment; returns exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout.TotalSeconds} s\n{stdout.Result}\n{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + "\n" + stderr.Result);
    }

    private static bool Probe(string imports)
    {
        try
        {
            return Run(Python, ["-c", imports], new Dictionary<string, string>(), TimeSpan.FromSeconds(30)).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
