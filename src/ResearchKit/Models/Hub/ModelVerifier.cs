namespace ResearchKit.Models.Hub;

/// <summary>
/// Checks a model's files against its registry entry: each must exist, and match the recorded size and
/// SHA-256 where the registry records them. Only what is recorded is checked, and the report says so.
/// </summary>
public static class ModelVerifier
{
    /// <summary>Checks the files of <paramref name="entry"/> inside <paramref name="directory"/>.</summary>
    public static async Task<VerificationReport> VerifyAsync(RegistryEntry entry, string directory, CancellationToken cancellationToken = default)
    {
        var results = new List<FileVerification>(entry.Files.Count);
        foreach (var file in entry.Files)
            results.Add(await CheckAsync(file, HubCache.SnapshotFilePath(directory, file.Path), cancellationToken).ConfigureAwait(false));
        return new VerificationReport(entry.Name, directory, results);
    }

    /// <summary>Checks the snapshot the cache holds for <paramref name="entry"/>'s revision.</summary>
    /// <exception cref="ModelNotFoundException">The entry was never pulled into this cache.</exception>
    public static Task<VerificationReport> VerifyPulledAsync(RegistryEntry entry, HubCache cache, CancellationToken cancellationToken = default)
    {
        var commit = cache.ReadRef(entry.Repo, entry.Revision)
            ?? throw new ModelNotFoundException(entry.Name, $"Model '{entry.Name}' is not in the hub cache at {cache.Root}; download it first.");
        return VerifyAsync(entry, cache.SnapshotDirectory(entry.Repo, commit), cancellationToken);
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
