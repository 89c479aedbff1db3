using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Security;

namespace ResearchKit.Kernel.Scripting.References;

/// <summary>
/// Restores a <c>#r "nuget: …"</c> package by publishing a throw-away project that references it (so the machine's
/// NuGet configuration, dependencies and native assets for this runtime all apply), and caches the output folder.
/// </summary>
public sealed class NuGetScriptRestorer
{
    private readonly string _cacheDirectory;
    private readonly string? _configFile;
    private readonly object _gate = new();

    /// <param name="cacheDirectory">Where restored packages are published and cached.</param>
    /// <param name="configFile">A nuget.config to restore with; null uses the machine's configuration.</param>
    public NuGetScriptRestorer(string cacheDirectory, string? configFile = null)
    {
        _cacheDirectory = cacheDirectory;
        _configFile = configFile;
    }

    /// <summary>
    /// Managed assemblies of the package and its dependencies; natives sit beside them, where DllImport looks.
    /// Cancelling ends the restore process within a fraction of a second and leaves nothing half-restored in the cache.
    /// </summary>
    public IReadOnlyList<string> Restore(NuGetPackageSpec package, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var folder = Path.Combine(_cacheDirectory, package.Name.ToLowerInvariant(), package.Version ?? "latest");
            var output = Path.Combine(folder, "out");
            var done = Path.Combine(folder, "restored.ok");
            if (!File.Exists(done))
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                Directory.CreateDirectory(folder);
                try
                {
                    Publish(package, folder, output, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Directory.Delete(folder, recursive: true);
                    throw;
                }
                File.WriteAllText(done, DateTimeOffset.UtcNow.ToString("O"));
            }
            return Directory.EnumerateFiles(output, "*.dll")
                .Where(p => !Path.GetFileName(p).Equals("ScriptPackages.dll", StringComparison.OrdinalIgnoreCase) && IsManaged(p))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
        }
    }

    private void Publish(NuGetPackageSpec package, string folder, string output, CancellationToken cancellationToken)
    {
        var project = Path.Combine(folder, "ScriptPackages.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NuGetAudit>false</NuGetAudit>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{SecurityElement.Escape(package.Name)}" Version="{SecurityElement.Escape(package.Version ?? "*")}" />
              </ItemGroup>
            </Project>
            """);
        var start = new ProcessStartInfo(DotnetHost(), ["publish", project, "-c", "Release", "-o", output, "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false", "--nologo", "-v", "q", "-p:ImportDirectoryBuildProps=false", "-p:ImportDirectoryPackagesProps=false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        if (_configFile is not null) start.ArgumentList.Add($"-p:RestoreConfigFile={Path.GetFullPath(_configFile)}");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start) ?? throw new NuGetRestoreException(package.ToString(), "could not start 'dotnet'.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(100)))
        {
            if (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline) continue;
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            cancellationToken.ThrowIfCancellationRequested();
            throw new NuGetRestoreException(package.ToString(), "the restore took longer than 5 minutes.");
        }
        if (process.ExitCode != 0)
        {
            var lines = (stdout.Result + "\n" + stderr.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Distinct().Take(5)
                .Select(l => l.Replace(project, "", StringComparison.Ordinal));
            throw new NuGetRestoreException(package.ToString(), string.Join("\n", lines));
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static bool IsManaged(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            return reader.HasMetadata;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
