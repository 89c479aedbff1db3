using System.Reflection;

namespace ResearchKit.Kernel.Scripting.References;

/// <summary>
/// The NuGet packages and sources one notebook session has asked for, and the assemblies they added to its compilation.
/// Each install restores every package asked for so far together (one consistent graph, as .NET Interactive did); an
/// assembly the kernel already has (the framework, its own libraries) is taken from the kernel, never loaded twice.
/// </summary>
public sealed class SessionPackages
{
    private readonly NuGetScriptRestorer _restorer;
    private readonly List<NuGetPackageSpec> _requested = [];
    private readonly List<string> _sources = [];
    private readonly Dictionary<string, string> _referenced = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _host;

    /// <param name="restorer">Restores the packages.</param>
    /// <param name="referencedPaths">Assemblies the session's compilation already references.</param>
    public SessionPackages(NuGetScriptRestorer restorer, IEnumerable<string> referencedPaths)
    {
        _restorer = restorer;
        foreach (var path in referencedPaths) _referenced[Path.GetFileNameWithoutExtension(path)] = path;
        // The runtime binds these names to the host's copies whatever a package brings (the default load context).
        _host = ScriptEnvironment.TrustedAssemblies()
            .GroupBy(Path.GetFileNameWithoutExtension, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Adds the sources, restores the packages (with all asked for before) and returns what to reference and show.</summary>
    public PackageInstallation Install(IReadOnlyList<NuGetPackageSpec> packages, IReadOnlyList<string> sources, CancellationToken cancellationToken)
    {
        foreach (var source in sources.Where(s => !_sources.Contains(s))) _sources.Add(source);
        var installed = new List<string>();
        var notes = new List<string>();
        var toRestore = new List<NuGetPackageSpec>();
        foreach (var package in packages)
        {
            if (KernelProvidedPackages.TryGet(package.Name, out var version, out var why))
            {
                installed.Add($"{package.Name}, {version}");
                if (why is not null) notes.Add($"{package.Name}: {why} ({version}).");
                else if (package.Version is { } asked && asked != version && !IsFloating(asked))
                    notes.Add($"{package.Name} {asked} was asked for; the kernel carries {version}, which is used (two versions cannot load side by side).");
            }
            else
            {
                toRestore.Add(package);
            }
        }
        var newAssemblies = new List<string>();
        var missing = new List<string>();
        var missingDetail = new List<string>();
        if (toRestore.Count > 0)
        {
            var all = _requested.Where(r => !toRestore.Any(t => t.Name.Equals(r.Name, StringComparison.OrdinalIgnoreCase))).Concat(toRestore).ToList();
            var restore = RestoreServed(all, toRestore, (missing, missingDetail), cancellationToken);
            toRestore.RemoveAll(p => missing.Contains(p.Name, StringComparer.OrdinalIgnoreCase));
            all.RemoveAll(p => missing.Contains(p.Name, StringComparer.OrdinalIgnoreCase));
            _requested.Clear();
            _requested.AddRange(all);
            foreach (var path in restore.Assemblies)
            {
                var name = Path.GetFileNameWithoutExtension(path);
                if (_referenced.ContainsKey(name)) continue;
                var chosen = _host.TryGetValue(name, out var hostPath) ? hostPath : path;
                _referenced[name] = chosen;
                newAssemblies.Add(chosen);
                if (chosen != path && Newer(path, hostPath!)) notes.Add($"{name}: the package brings a newer version than the kernel's; the kernel's is used.");
            }
            foreach (var package in toRestore)
            {
                var version = restore.Versions.GetValueOrDefault(package.Name, package.Version ?? "?");
                installed.Add($"{package.Name}, {version}");
                if (package.Version is { } asked && !IsFloating(asked) && !asked.Equals(version, StringComparison.OrdinalIgnoreCase))
                    notes.Add($"{package.Name} {asked} is not on the package source; {version}, the nearest version above it, was installed.");
            }
            notes.AddRange(restore.Warnings.Where(w => w.Contains("NU1801", StringComparison.Ordinal)).Select(w => $"A package source could not be reached and was skipped: {w}"));
        }
        var unserved = packages.Where(p => missing.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).Select(p => p.ToString()).ToList();
        return new PackageInstallation(sources, installed, notes, newAssemblies) { Missing = unserved, MissingDetail = missingDetail };
    }

    /// <summary>
    /// Restores <paramref name="all"/>; when the sources lack some of this cell's packages (<paramref name="asked"/>), they
    /// are put in the first list of <paramref name="unserved"/> (NuGet's lines about them in the second) and the rest restored
    /// without them, so one unserved package does not take the cell's other packages down with it.
    /// </summary>
    private PackageRestore RestoreServed(List<NuGetPackageSpec> all, IReadOnlyList<NuGetPackageSpec> asked, (List<string> Ids, List<string> Detail) unserved,
                                         CancellationToken cancellationToken)
    {
        var missing = unserved.Ids;
        while (true)
        {
            try
            {
                return _restorer.Restore(all.Where(p => !missing.Contains(p.Name, StringComparer.OrdinalIgnoreCase)).ToList(), _sources, cancellationToken);
            }
            catch (NuGetRestoreException e) when (e.MissingPackages.Any(id => !missing.Contains(id, StringComparer.OrdinalIgnoreCase)
                                                                    && asked.Any(p => p.Name.Equals(id, StringComparison.OrdinalIgnoreCase))))
            {
                var ids = asked.Select(p => p.Name).Where(n => e.MissingPackages.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
                missing.AddRange(ids);
                unserved.Detail.AddRange(e.Detail.Split('\n').Where(l => ids.Any(id => l.Contains(id, StringComparison.OrdinalIgnoreCase))));
            }
        }
    }

    private static bool IsFloating(string version) => version.Contains('*', StringComparison.Ordinal) || version.StartsWith('[') || version.StartsWith('(');

    private static bool Newer(string packagePath, string hostPath)
    {
        try
        {
            return AssemblyName.GetAssemblyName(packagePath).Version > AssemblyName.GetAssemblyName(hostPath).Version;
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            return false;
        }
    }
}
