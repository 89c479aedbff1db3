using System.Diagnostics;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ResearchKit.Kernel.Scripting.References;

/// <summary>
/// Restores <c>#r "nuget: …"</c> packages by publishing a throw-away project that references them all (so the machine's
/// NuGet configuration, <c>#i</c> sources, dependencies and native assets for this runtime all apply), and caches the
/// output folder per set of packages and sources.
/// </summary>
public sealed partial class NuGetScriptRestorer
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

    /// <summary>Managed assemblies of one package and its dependencies.</summary>
    public IReadOnlyList<string> Restore(NuGetPackageSpec package, CancellationToken cancellationToken = default) =>
        Restore([package], [], cancellationToken).Assemblies;

    /// <summary>
    /// Restores the packages together (one dependency graph, as .NET Interactive did) with the extra sources added to the
    /// configured ones; unreachable extra sources are skipped with a warning. Cancelling ends the restore process within a
    /// fraction of a second and leaves nothing half-restored in the cache.
    /// </summary>
    public PackageRestore Restore(IReadOnlyList<NuGetPackageSpec> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        if (packages.Count == 0) return new PackageRestore([], new Dictionary<string, string>(), []);
        lock (_gate)
        {
            var folder = Path.Combine(_cacheDirectory, CacheKey(packages, sources));
            var output = Path.Combine(folder, "out");
            var done = Path.Combine(folder, "restored.ok");
            if (!File.Exists(done))
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
                Directory.CreateDirectory(folder);
                try
                {
                    var warnings = Publish(packages, sources, folder, output, cancellationToken);
                    File.WriteAllLines(Path.Combine(folder, "warnings.txt"), warnings);
                }
                catch (Exception)
                {
                    Directory.Delete(folder, recursive: true);
                    throw;
                }
                File.WriteAllText(done, DateTimeOffset.UtcNow.ToString("O"));
            }
            var assemblies = Directory.EnumerateFiles(output, "*.dll")
                .Where(p => !Path.GetFileName(p).Equals("ScriptPackages.dll", StringComparison.OrdinalIgnoreCase) && IsManaged(p))
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToList();
            var warningsFile = Path.Combine(folder, "warnings.txt");
            return new PackageRestore(assemblies, ResolvedVersions(folder, packages), File.Exists(warningsFile) ? File.ReadAllLines(warningsFile) : []);
        }
    }

    private static string CacheKey(IReadOnlyList<NuGetPackageSpec> packages, IReadOnlyList<string> sources)
    {
        var text = string.Join("\n", packages.Select(p => p.ToString().ToLowerInvariant()).Order(StringComparer.Ordinal))
                   + "\n--\n" + string.Join("\n", sources);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12].ToLowerInvariant();
        var first = packages.Count == 1 ? $"{packages[0].Name}-{packages[0].Version ?? "latest"}" : $"{packages[0].Name}+{packages.Count - 1}";
        return $"{new string(first.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '+' ? c : '_').ToArray())}-{hash}";
    }

    private List<string> Publish(IReadOnlyList<NuGetPackageSpec> packages, IReadOnlyList<string> sources, string folder, string output, CancellationToken cancellationToken)
    {
        var project = Path.Combine(folder, "ScriptPackages.csproj");
        var references = string.Join("\n", packages.Select(p =>
            $"    <PackageReference Include=\"{SecurityElement.Escape(p.Name)}\" Version=\"{SecurityElement.Escape(p.Version ?? "*")}\" />"));
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NuGetAudit>false</NuGetAudit>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>
                <RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(";", sources))}</RestoreAdditionalProjectSources>
                <RestoreIgnoreFailedSources>true</RestoreIgnoreFailedSources>
              </PropertyGroup>
              <ItemGroup>
            {references}
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
        var described = string.Join("; ", packages);
        using var process = Process.Start(start) ?? throw new NuGetRestoreException(described, "could not start 'dotnet'.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(100)))
        {
            if (!cancellationToken.IsCancellationRequested && DateTime.UtcNow < deadline) continue;
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            cancellationToken.ThrowIfCancellationRequested();
            throw new NuGetRestoreException(described, "the restore took longer than 5 minutes.");
        }
        var lines = (stdout.Result + "\n" + stderr.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Replace(project, "", StringComparison.Ordinal).Replace(" []", "", StringComparison.Ordinal).Trim(' ', ':'))
            .Distinct().ToList();
        if (process.ExitCode != 0)
        {
            var errors = lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).ToList();
            var missing = errors.Select(l => MissingPackage().Match(l)).Where(m => m.Success).Select(m => m.Groups["id"].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            throw new NuGetRestoreException(described, string.Join("\n", errors.Take(5)), missing);
        }
        return lines.Where(l => l.Contains("warning NU1603", StringComparison.Ordinal) || l.Contains("warning NU1801", StringComparison.Ordinal)
                                || l.Contains("warning NU1102", StringComparison.Ordinal)).Take(10).ToList();
    }

    /// <summary>The version each requested package resolved to, from the restore's assets file.</summary>
    private static Dictionary<string, string> ResolvedVersions(string folder, IReadOnlyList<NuGetPackageSpec> packages)
    {
        var versions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var assets = Path.Combine(folder, "obj", "project.assets.json");
        if (!File.Exists(assets) || JsonNode.Parse(File.ReadAllText(assets))?["libraries"] is not JsonObject libraries) return versions;
        foreach (var key in libraries.Select(l => l.Key))
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && packages.Any(p => p.Name.Equals(key[..slash], StringComparison.OrdinalIgnoreCase))) versions[key[..slash]] = key[(slash + 1)..];
        }
        return versions;
    }

    /// <summary>NuGet's "Unable to find package X" (NU1101 no such id, NU1102 no such version, NU1103 no stable version).</summary>
    [GeneratedRegex(@"\bNU110[123]: Unable to find (?:a stable )?package '?(?<id>[A-Za-z0-9_.\-]+?)'?(?:\. | with version|\.?$)")]
    private static partial Regex MissingPackage();

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
