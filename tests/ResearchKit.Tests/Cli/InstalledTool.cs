using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ResearchKit.Tests.Cli;

/// <summary>
/// The tool as a user gets it: the repository's CLI packed once (for this machine's platform only, to spare CI time)
/// and installed with <c>dotnet tool install --tool-path</c> from that folder alone, shared by the tests that use it.
/// </summary>
public sealed class InstalledTool : IDisposable
{
    private readonly TempDirectory _scratch = new();

    public InstalledTool()
    {
        Packages = Directory.CreateDirectory(Path.Combine(_scratch.Path, "packages")).FullName;
        ToolPath = Path.Combine(_scratch.Path, "tools");
        var pack = Run("dotnet", ["pack", Path.Combine(FixturePaths.RepositoryRoot, "src", "ResearchKit.Cli"), "-c", "Release", "-nologo", "-o", Packages,
            $"-p:ToolRuntimeIdentifiers={RuntimeInformation.RuntimeIdentifier}"], FixturePaths.RepositoryRoot, TimeSpan.FromMinutes(15));
        if (pack.ExitCode != 0) throw new InvalidOperationException("dotnet pack failed:\n" + pack.Out + pack.Error);

        // Only the packed folder as a source, so nothing of the same name on a public feed can be installed instead.
        var config = Path.Combine(_scratch.Path, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /><add key="packed" value="{Packages}" /></packageSources></configuration>
            """);
        var install = Run("dotnet", ["tool", "install", "--tool-path", ToolPath, "--configfile", config, "ResearchKit", "--version", "0.1.0"],
            _scratch.Path, TimeSpan.FromMinutes(5),
            // A private package cache: an earlier build of the same version cached elsewhere must not be installed instead.
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_scratch.Path, "nuget-cache") });
        if (install.ExitCode != 0) throw new InvalidOperationException("dotnet tool install failed:\n" + install.Out + install.Error);
    }

    /// <summary>The folder the packages were written to.</summary>
    public string Packages { get; }

    /// <summary>The --tool-path folder holding the <c>researchkit</c> command.</summary>
    public string ToolPath { get; }

    /// <summary>The installed command.</summary>
    public string Command => Path.Combine(ToolPath, OperatingSystem.IsWindows() ? "researchkit.exe" : "researchkit");

    /// <summary>A fresh empty folder under the fixture's scratch space.</summary>
    public string EmptyFolder(string name) => Directory.CreateDirectory(Path.Combine(_scratch.Path, name)).FullName;

    public sealed record Result(int ExitCode, string Out, string Error);

    /// <summary>Runs a program in <paramref name="workingDirectory"/> and waits for it (killing it after <paramref name="timeout"/>).</summary>
    public static Result Run(string file, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return new Result(-1, stdout.Result, $"timed out after {timeout.TotalSeconds} s\n{stderr.Result}");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose() => _scratch.Dispose();
}
