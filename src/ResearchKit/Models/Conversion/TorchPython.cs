namespace ResearchKit.Models.Conversion;

/// <summary>Finds a Python interpreter that can import torch, the one thing the conversion recipes need.</summary>
public static class TorchPython
{
    /// <summary>An interpreter and the torch version it imports.</summary>
    public sealed record Interpreter(string Path, string TorchVersion);

    /// <summary>The first of <paramref name="candidates"/> (paths or names on PATH) that imports torch.</summary>
    /// <param name="candidates">Interpreters to try, in order; blanks and repeats are skipped.</param>
    /// <param name="advice">What the caller can do besides installing torch (e.g. how to name an interpreter), appended to the error.</param>
    /// <param name="cancellationToken">Stops the probing.</param>
    /// <exception cref="ModelConversionException">None of them runs or imports torch; the message lists each and why.</exception>
    public static async Task<Interpreter> FindAsync(IEnumerable<string?> candidates, string? advice = null, CancellationToken cancellationToken = default)
    {
        var tried = new List<string>();
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).Distinct(StringComparer.Ordinal))
        {
            var outcome = await PythonProcess.RunAsync(candidate, ["-c", "import torch; print(torch.__version__)"], cancellationToken).ConfigureAwait(false);
            if (outcome is null)
                tried.Add($"{candidate} (not found)");
            else if (outcome.ExitCode != 0)
                tried.Add($"{candidate} ({(outcome.Error.Contains("No module named 'torch'", StringComparison.Ordinal) ? "no torch" : "exit " + outcome.ExitCode)})");
            else
                return new Interpreter(candidate, outcome.Output.Trim());
        }
        var list = tried.Count == 0 ? "no interpreter was named" : "tried " + string.Join(", ", tried);
        throw new ModelConversionException("python3",
            $"no Python with torch found ({list}). Install PyTorch for Python 3 (Debian/Ubuntu: `apt-get install python3-torch`)"
            + (string.IsNullOrWhiteSpace(advice) ? "." : $", or {advice}."));
    }
}
