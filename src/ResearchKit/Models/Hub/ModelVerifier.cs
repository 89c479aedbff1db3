namespace ResearchKit.Models.Hub;

/// <summary>
/// Checks a model's files against its registry entry: each must exist, and match the recorded size and
/// SHA-256 where the registry records them. Only what is recorded is checked, and the report says so.
/// Every external-data file a graph names is checked too: present, and at least as long as the graph reads.
/// </summary>
public static class ModelVerifier
{
    /// <summary>Checks the files of <paramref name="entry"/> (or of its <paramref name="variant"/>) inside <paramref name="directory"/>.</summary>
    /// <exception cref="UnknownVariantException">The entry lists no such variant.</exception>
    public static async Task<VerificationReport> VerifyAsync(RegistryEntry entry, string directory, string? variant = null, CancellationToken cancellationToken = default)
    {
        var files = entry.FilesFor(variant);
        var results = new List<FileVerification>(files.Count);
        foreach (var file in files)
            results.Add(await CheckAsync(file, HubCache.SnapshotFilePath(directory, file.Path), cancellationToken).ConfigureAwait(false));
        foreach (var graph in files.Where(f => f.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)))
            results.AddRange(CheckExternalData(directory, graph.Path, results));
        return new VerificationReport(entry.Name, directory, results);
    }

    /// <summary>Checks the snapshot the cache holds for <paramref name="entry"/>'s revision.</summary>
    /// <exception cref="ModelNotFoundException">The entry was never pulled into this cache.</exception>
    public static Task<VerificationReport> VerifyPulledAsync(RegistryEntry entry, HubCache cache, string? variant = null, CancellationToken cancellationToken = default)
    {
        var commit = cache.ReadRef(entry.Repo, entry.Revision)
            ?? throw new ModelNotFoundException(entry.Name, $"Model '{entry.Name}' is not in the hub cache at {cache.Root}; download it first.") { Variant = variant };
        return VerifyAsync(entry, cache.SnapshotDirectory(entry.Repo, commit), variant, cancellationToken);
    }

    private static IEnumerable<FileVerification> CheckExternalData(string directory, string graph, List<FileVerification> listed)
    {
        var local = HubCache.SnapshotFilePath(directory, graph);
        if (HubCache.ResolveFile(local) is null) return [];
        IReadOnlyDictionary<string, long> required;
        try
        {
            required = OnnxExternalData.RequiredSizes(OnnxExternalData.Read(local));
        }
        catch (ModelLoadException)
        {
            // An unreadable graph is a content problem the hash check reports where the registry pins one.
            return [];
        }
        var rows = new List<FileVerification>();
        foreach (var (location, size) in required)
        {
            var repoPath = HubClient.RepoPathBeside(graph, location);
            var info = HubCache.ResolveFile(HubCache.SnapshotFilePath(directory, repoPath));
            var status = info is null ? FileCheckStatus.Missing : info.Length < size ? FileCheckStatus.Truncated : FileCheckStatus.Ok;
            var index = listed.FindIndex(f => f.Path == repoPath);
            if (index >= 0)
            {
                // Listed in the registry too: keep its own check and add the graph's length requirement.
                if (listed[index].Ok && status == FileCheckStatus.Truncated)
                    listed[index] = listed[index] with { Status = status, ExternalDataOf = graph, RequiredSize = size };
                continue;
            }
            rows.Add(new FileVerification { Path = repoPath, Status = status, ActualSize = info?.Length, ExternalDataOf = graph, RequiredSize = size });
        }
        return rows;
    }

    private static async Task<FileVerification> CheckAsync(RegistryFile file, string path, CancellationToken cancellationToken)
    {
        var expectedSha = file.Sha256?.ToLowerInvariant();
        var info = HubCache.ResolveFile(path);
        if (info is null)
            return new FileVerification { Path = file.Path, Status = FileCheckStatus.Missing, ExpectedSize = file.Size, ExpectedSha256 = expectedSha };
        if (file.Size is not null && info.Length != file.Size)
            return new FileVerification { Path = file.Path, Status = FileCheckStatus.SizeMismatch, ExpectedSize = file.Size, ActualSize = info.Length, ExpectedSha256 = expectedSha };
        string? actualSha = null;
        if (expectedSha is not null)
        {
            actualSha = await HubCache.Sha256Async(info.FullName, cancellationToken).ConfigureAwait(false);
            if (actualSha != expectedSha)
                return new FileVerification { Path = file.Path, Status = FileCheckStatus.HashMismatch, ExpectedSize = file.Size, ActualSize = info.Length, ExpectedSha256 = expectedSha, ActualSha256 = actualSha };
        }
        return new FileVerification { Path = file.Path, Status = FileCheckStatus.Ok, ExpectedSize = file.Size, ActualSize = info.Length, ExpectedSha256 = expectedSha, ActualSha256 = actualSha };
    }
}
