using System.ComponentModel;
using System.Diagnostics;

namespace ResearchKit.Models.Conversion;

/// <summary>Runs a Python interpreter with arguments, capturing its output; Ctrl+C (the token) ends the whole process tree.</summary>
internal static class PythonProcess
{
    internal sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>Runs <paramref name="python"/>; null when the interpreter cannot be started at all.</summary>
    public static async Task<Outcome?> RunAsync(string python, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The recipes' folder may be read-only (an installed tool) and is never the place for __pycache__.
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        start.Environment["PYTHONUNBUFFERED"] = "1";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw;
            }
            return new Outcome(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }
    }
}
