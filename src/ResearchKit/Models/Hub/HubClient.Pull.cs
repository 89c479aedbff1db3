namespace ResearchKit.Models.Hub;

public sealed partial class HubClient
{
    /// <summary>
    /// Makes every file of <paramref name="entry"/> present and verified in the cache, downloading only
    /// what is missing, and records the revision's commit under <c>refs/</c>.
    /// </summary>
    /// <exception cref="ModelDownloadException">A file could not be downloaded or failed verification.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; partial files stay for the next attempt to resume.</exception>
    public Task<PullResult> PullAsync(RegistryEntry entry, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PullAsync(entry, variant: null, progress, cancellationToken);

    /// <summary>
    /// Like <see cref="PullAsync(RegistryEntry, IProgress{DownloadProgress}?, CancellationToken)"/> for one
    /// variant of the graphs (<c>fp16</c>, <c>quantized</c>, ...; null for fp32). The external-data files each
    /// graph names (<c>*.onnx_data</c>, per-tensor files) are found in the graph and pulled beside it.
    /// </summary>
    /// <exception cref="UnknownVariantException">The entry lists no such variant.</exception>
    public async Task<PullResult> PullAsync(RegistryEntry entry, string? variant, IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var files = entry.FilesFor(variant);
        if (!entry.Pullable)
            throw new ModelDownloadException(entry.Repo, files[0].Path, $"'{entry.Name}' cannot be pulled. {entry.Note}");

        var commit = Cache.ReadRef(entry.Repo, entry.Revision);
        int downloaded = 0, reused = 0;
        long bytes = 0;
        var pending = new Queue<RegistryFile>(files);
        var seen = new HashSet<string>(files.Select(f => f.Path), StringComparer.Ordinal);
        var external = new List<string>();
        var graphs = new List<(string RepoPath, string Local)>();
        while (pending.TryDequeue(out var file))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? local = null;
            if (commit is not null)
            {
                var existing = HubCache.SnapshotFilePath(Cache.SnapshotDirectory(entry.Repo, commit), file.Path);
                if (await MatchesAsync(existing, file.Size, file.Sha256, cancellationToken).ConfigureAwait(false))
                {
                    var length = HubCache.ResolveFile(existing)!.Length;
                    progress?.Report(new DownloadProgress(file.Path, length, length, FromCache: true));
                    reused++;
                    local = existing;
                }
                else
                {
                    HubCache.DeleteEntry(existing);
                }
            }

            if (local is null)
            {
                // Once the first file has told us the commit, later files are fetched at that commit so a
                // push in the middle of a pull cannot mix two versions in one snapshot.
                var result = await DownloadFileAsync(entry.Repo, commit ?? entry.Revision, file, progress, cancellationToken).ConfigureAwait(false);
                commit ??= result.Commit;
                if (result.Downloaded) downloaded++; else reused++;
                bytes += result.BytesReceived;
                local = result.SnapshotPath;
            }

            if (!file.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)) continue;
            graphs.Add((file.Path, local));
            foreach (var location in ExternalFilesOf(entry.Repo, file.Path, local))
            {
                var repoPath = RepoPathBeside(file.Path, location);
                if (!seen.Add(repoPath)) continue;
                external.Add(repoPath);
                pending.Enqueue(new RegistryFile(repoPath));
            }
        }

        // A data file shorter than its graph reads would fail only at load time; catch it here.
        foreach (var (repoPath, local) in graphs)
        {
            try { OnnxExternalData.Require(local); }
            catch (ModelLoadException e) { throw new ModelDownloadException(entry.Repo, repoPath, e.Message, e); }
        }

        Cache.WriteRef(entry.Repo, entry.Revision, commit!);
        return new PullResult(entry, Cache.SnapshotDirectory(entry.Repo, commit!), commit!, downloaded, reused, bytes)
        {
            Variant = entry.Variant(variant)?.Name,
            ExternalFiles = external,
        };
    }

    private static IReadOnlyList<string> ExternalFilesOf(string repo, string repoPath, string local)
    {
        try
        {
            return OnnxExternalData.Files(local);
        }
        catch (ModelLoadException e)
        {
            throw new ModelDownloadException(repo, repoPath, e.Message, e);
        }
    }

    /// <summary>The repository path of an external-data file, resolved against its graph's folder.</summary>
    internal static string RepoPathBeside(string graphRepoPath, string location)
    {
        var slash = graphRepoPath.LastIndexOf('/');
        return slash < 0 ? location : graphRepoPath[..(slash + 1)] + location;
    }
}
