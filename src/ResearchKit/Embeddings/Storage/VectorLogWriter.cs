using ResearchKit.IO;

namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// The one writer of a vector log (whole-log writer) or of one part of it (shard writer). It holds OS locks for its
/// lifetime: a whole-log writer holds <c>writers.lock</c> exclusively; a part writer holds it shared plus its part's
/// <c>writer.lock</c>, so shards write side by side and never beside a whole-log writer. Only the lock holder deletes:
/// uncommitted leftovers of its part(s) at once, retired chunks once no reader holds a lease.
/// </summary>
public sealed class VectorLogWriter : IDisposable
{
    /// <summary>Part name a whole-log writer writes to.</summary>
    public const string MainPart = "main";

    private readonly VectorLogWriterOptions _options;
    private readonly List<FileLock> _locks;
    private LogHead _head;
    private PartManifest _manifest;

    private VectorLogWriter(string directory, VectorLogWriterOptions options, List<FileLock> locks, LogHead head, (bool Rebuilt, string? Previous, bool Older) history)
    {
        Directory = directory;
        _options = options;
        _locks = locks;
        _head = head;
        (Rebuilt, PreviousIdentity, ReplacedOlderFormat) = history;
        PartName = options.Part ?? MainPart;
        PartDirectory = LogState.PartDirectory(directory, PartName);
        System.IO.Directory.CreateDirectory(PartDirectory);
        _manifest = PartManifest.Read(PartDirectory) is { } m && m.Epoch == head.Epoch ? m : Reset(PartManifest.Read(PartDirectory));
        RemoveUncommitted();
        Collect();
    }

    /// <summary>The log folder.</summary>
    public string Directory { get; }

    /// <summary>The part this writer appends to.</summary>
    public string PartName { get; }

    /// <summary>The folder of that part.</summary>
    public string PartDirectory { get; }

    /// <summary>True when the writer owns the whole log (no other writer can run beside it).</summary>
    public bool OwnsAllParts => _options.Part is null;

    /// <summary>Floats per row.</summary>
    public int Width => _head.Width;

    /// <summary>True when opening discarded the rows of a previous identity (or an older format), or the log is new.</summary>
    public bool Rebuilt { get; }

    /// <summary>The identity JSON found before rebuilding, or null when the log was new, kept, or in an older format.</summary>
    public string? PreviousIdentity { get; }

    /// <summary>True when opening replaced a log in an older store format (rebuilt from scratch).</summary>
    public bool ReplacedOlderFormat { get; }

    /// <summary>Opens the log for writing, waiting for conflicting writers (see <see cref="VectorLogWriterOptions.LockTimeout"/>).</summary>
    /// <exception cref="StoreBusyException">The wait timed out.</exception>
    public static VectorLogWriter Open(string directory, VectorLogWriterOptions options, CancellationToken cancellationToken = default) =>
        OpenCore(directory, options, wait: true, cancellationToken)!;

    /// <summary>Opens the log for writing if no conflicting writer holds it now; null otherwise (a cache can skip persisting).</summary>
    public static VectorLogWriter? TryOpen(string directory, VectorLogWriterOptions options) => OpenCore(directory, options, wait: false, default);

    private static VectorLogWriter? OpenCore(string directory, VectorLogWriterOptions options, bool wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Width, 1);
        if (options.Part is { } part) CheckPartName(part);
        System.IO.Directory.CreateDirectory(directory);
        var writers = Path.Combine(directory, LogState.WritersLock);
        bool Accepts(LogHead? head) => head is not null && head.Width == options.Width && (options.Accepts?.Invoke(head.Identity) ?? head.Identity == options.Identity);
        FileLock? Take(string path, bool exclusive, string waitingFor) =>
            wait ? FileLock.Acquire(path, exclusive, options.LockTimeout, () => options.OnWait?.Invoke(waitingFor), cancellationToken)
                 : FileLock.TryAcquire(path, exclusive);

        var rebuilt = false;
        var older = false;
        string? previous = null;
        while (true)
        {
            var head = ReadHeadOrNullWhenOlder(directory);
            var keep = Accepts(head);
            if (options.Part is null || !keep)
            {
                // A whole-log writer, or a change of identity: exclusive, after every other writer is done.
                var exclusive = Take(writers, true, options.Part is null
                    ? $"another process is writing to {directory}; waiting for it to finish"
                    : $"the writers of {directory}'s previous identity must finish before it is rebuilt; waiting");
                if (exclusive is null) return null;
                head = ReadHeadOrNullWhenOlder(directory);
                if (!Accepts(head))
                {
                    previous ??= head?.Identity;
                    if (head is null && File.Exists(Path.Combine(directory, LogHead.FileName)))
                    {
                        older = true;
                        RemoveOlderFormat(directory);
                    }
                    rebuilt = true;
                    head = new LogHead { SchemaVersion = VectorLog.SchemaVersion, Width = options.Width, Identity = options.Identity, Epoch = Guid.NewGuid().ToString("N") };
                    head.Write(directory);
                }
                if (options.Part is null) return new VectorLogWriter(directory, options, [exclusive], head!, (rebuilt, previous, older));
                // The new head lets the shards in; collect what the old epoch left while no writer can run.
                CollectStaleParts(directory, head!.Epoch);
                exclusive.Dispose();
                continue;
            }
            var shared = Take(writers, false, $"a whole-log writer (a plain index, a merge or a rebuild) holds {directory}; waiting for it to finish");
            if (shared is null) return null;
            if (!Accepts(ReadHeadOrNullWhenOlder(directory)))
            {
                shared.Dispose();
                continue;
            }
            var partLock = Take(Path.Combine(LogState.PartDirectory(directory, options.Part), LogState.PartLock), true,
                $"another process writes part '{options.Part}' of {directory}; waiting for it to finish");
            if (partLock is null)
            {
                shared.Dispose();
                return null;
            }
            return new VectorLogWriter(directory, options, [shared, partLock], ReadHeadOrNullWhenOlder(directory)!, (rebuilt, previous, older));
        }
    }

    /// <summary>
    /// Reads every file of every part once: key to stamp of each readable row (latest wins), and the chunks whose files
    /// are missing or fail their checksums. Items of a damaged chunk count as not embedded, so an indexing run embeds
    /// exactly them again; <see cref="RetireDamaged"/> drops the damaged chunks this writer owns.
    /// </summary>
    public LogInspection Inspect()
    {
        var index = Index(verifyVectors: true);
        var owned = index.Latest.Where(p => Owns(p.Value.Part.Name)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return new LogInspection(index.Stamps(), owned, index.Damaged);
    }

    /// <summary>Drops the damaged chunks this writer owns from their manifests (their files are collected later).</summary>
    public int RetireDamaged(IReadOnlyList<DamagedChunk> damaged)
    {
        var retired = 0;
        foreach (var group in damaged.Where(d => Owns(d.Part)).GroupBy(d => d.Part))
        {
            var names = group.Select(d => d.Chunk).ToHashSet(StringComparer.Ordinal);
            var dir = LogState.PartDirectory(Directory, group.Key);
            var manifest = group.Key == PartName ? _manifest : PartManifest.Read(dir);
            if (manifest is null) continue;
            retired += manifest.Chunks.Count(c => names.Contains(c.Name));
            Commit(group.Key, manifest with
            {
                Chunks = [.. manifest.Chunks.Where(c => !names.Contains(c.Name))],
                Retired = [.. manifest.Retired, .. names],
            });
        }
        Collect();
        return retired;
    }

    /// <summary>Commits rows and their vectors (<c>rows.Count * Width</c> floats) as one new chunk of this writer's part.</summary>
    public void Append(IReadOnlyList<LogRow> rows, ReadOnlyMemory<float> vectors)
    {
        if (rows.Count == 0) return;
        if (vectors.Length != rows.Count * Width)
            throw new ArgumentException($"{rows.Count} rows of width {Width} need {rows.Count * Width} floats, got {vectors.Length}.", nameof(vectors));
        var last = _manifest.Chunks.Count > 0 ? _manifest.Chunks.Max(c => c.CommittedAt) : 0;
        var chunk = ChunkFile.Write(PartDirectory, NewChunkName(), rows, vectors, Math.Max(DateTime.UtcNow.Ticks, last + 1));
        Commit(PartName, _manifest with { Chunks = [.. _manifest.Chunks, chunk] });
        Collect();
    }

    /// <summary>
    /// Rewrites what this writer owns as one chunk holding the rows <paramref name="keep"/> accepts: a whole-log writer
    /// merges every part into its own; a part writer compacts its part, dropping rows another part holds a newer
    /// version of. Old chunks stay valid until the new manifest commits, and are deleted once no reader needs them.
    /// </summary>
    public void Compact(Func<string, bool>? keep = null)
    {
        var index = Index(verifyVectors: false);
        var mine = index.Latest.Where(p => Owns(p.Value.Part.Name) && (keep?.Invoke(p.Key) ?? true)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var snapshot = index.Load(mine.Contains);
        var sources = index.State.Parts.Where(p => Owns(p.Name)).SelectMany(p => p.Manifest.Chunks).ToList();
        // The merged chunk is as new as its newest source, not 'now': a version another part commits meanwhile stays newer.
        var committedAt = sources.Count > 0 ? sources.Max(c => c.CommittedAt) : DateTime.UtcNow.Ticks;
        var merged = snapshot.Rows.Count > 0 ? ChunkFile.Write(PartDirectory, NewChunkName(), snapshot.Rows, snapshot.Vectors, committedAt) : null;
        Commit(PartName, _manifest with { Chunks = merged is null ? [] : [merged], Retired = [.. _manifest.Retired, .. _manifest.Chunks.Select(c => c.Name)] });
        if (OwnsAllParts)
            foreach (var part in LogState.Read(Directory)!.Parts.Where(p => p.Name != PartName))
                Commit(part.Name, part.Manifest with { Chunks = [], Retired = [.. part.Manifest.Retired, .. part.Manifest.Chunks.Select(c => c.Name)] });
        Collect();
    }

    /// <summary>Number of chunks this writer's part holds.</summary>
    public int ChunkCount => _manifest.Chunks.Count;

    /// <summary>Number of chunks across all parts.</summary>
    public int TotalChunkCount => LogState.Read(Directory)?.Parts.Sum(p => p.Manifest.Chunks.Count) ?? 0;

    /// <summary>Releases the locks (after a last attempt to delete retired files).</summary>
    public void Dispose()
    {
        try { Collect(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        foreach (var held in Enumerable.Reverse(_locks)) held.Dispose();
        _locks.Clear();
    }

    private LogIndex Index(bool verifyVectors) =>
        LogState.WithReaderLease(Directory, () => LogIndex.Build(LogState.Read(Directory)!, tolerant: true, verifyVectors));

    private bool Owns(string part) => OwnsAllParts || part == PartName;

    private PartManifest Reset(PartManifest? stale) => new()
    {
        Epoch = _head.Epoch,
        Generation = (stale?.Generation ?? 0) + 1,
        Retired = stale is null ? [] : [.. stale.Retired, .. stale.Chunks.Select(c => c.Name)],
    };

    private void Commit(string part, PartManifest manifest)
    {
        var next = manifest with { Generation = manifest.Generation + 1, Epoch = _head.Epoch };
        next.Write(LogState.PartDirectory(Directory, part));
        if (part == PartName) _manifest = next;
    }

    // Random suffix: a killed writer's uncommitted files, or a chunk of another part, can never share the name.
    private string NewChunkName() => $"c{_manifest.Generation:D6}-{Guid.NewGuid().ToString("N")[..12]}";

    // Files in the owned part folders that no manifest lists: a killed holder's work. Nobody can read them, so they go now.
    private void RemoveUncommitted()
    {
        foreach (var part in OwnedPartNames())
        {
            var dir = LogState.PartDirectory(Directory, part);
            var manifest = part == PartName ? _manifest : PartManifest.Read(dir);
            AtomicFile.RemoveLeftovers(dir);
            var known = (manifest?.Chunks.Select(c => c.Name) ?? []).Concat(manifest?.Retired ?? []).ToHashSet(StringComparer.Ordinal);
            foreach (var file in System.IO.Directory.EnumerateFiles(dir))
                if (ChunkFile.StemOf(Path.GetFileName(file)) is { } stem && !known.Contains(stem)) TryDelete(file);
        }
    }

    // Retired chunks are deleted only while no reader holds a lease: one that read the previous manifest may still open them.
    private void Collect()
    {
        using var exclusive = FileLock.TryAcquire(Path.Combine(Directory, LogState.ReadersLock), exclusive: true);
        if (exclusive is null) return;
        foreach (var part in OwnedPartNames())
        {
            var dir = LogState.PartDirectory(Directory, part);
            var manifest = part == PartName ? _manifest : PartManifest.Read(dir);
            if (manifest is null || manifest.Retired.Count == 0) continue;
            foreach (var name in manifest.Retired) ChunkFile.Delete(dir, name);
            Commit(part, manifest with { Retired = [] });
        }
        if (OwnsAllParts) RemoveEmptyParts();
    }

    // Parts emptied by a merge, and parts of an older epoch: nothing in them is read any more.
    private void RemoveEmptyParts()
    {
        foreach (var part in LogState.PartNames(Directory).Where(p => p != PartName))
        {
            var dir = LogState.PartDirectory(Directory, part);
            var manifest = PartManifest.Read(dir);
            if (manifest is null || manifest.Epoch != _head.Epoch || (manifest.Chunks.Count == 0 && manifest.Retired.Count == 0)) TryDeleteDirectory(dir);
        }
    }

    // Under the exclusive writers lock after an identity change: parts of older epochs hold nothing anyone reads.
    private static void CollectStaleParts(string directory, string epoch)
    {
        using var exclusive = FileLock.TryAcquire(Path.Combine(directory, LogState.ReadersLock), exclusive: true);
        if (exclusive is null) return;
        foreach (var part in LogState.PartNames(directory))
        {
            var dir = LogState.PartDirectory(directory, part);
            if (PartManifest.Read(dir) is { } manifest && manifest.Epoch == epoch) continue;
            TryDeleteDirectory(dir);
        }
    }

    private IEnumerable<string> OwnedPartNames() => OwnsAllParts ? LogState.PartNames(Directory) : [PartName];

    // Format 1 kept its chunks beside log.json; under the exclusive writers lock nobody else uses them.
    private static void RemoveOlderFormat(string directory)
    {
        AtomicFile.RemoveLeftovers(directory);
        foreach (var file in System.IO.Directory.EnumerateFiles(directory))
            if (ChunkFile.StemOf(Path.GetFileName(file)) is not null) TryDelete(file);
    }

    // A head in an older format counts as no head: the writer rebuilds the log.
    private static LogHead? ReadHeadOrNullWhenOlder(string directory)
    {
        try { return LogHead.Read(directory); }
        catch (StoreVersionException e) when (e.Older) { return null; }
    }

    private static void CheckPartName(string part)
    {
        if (part.Length == 0 || part == MainPart || part.StartsWith('.') || !part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new ArgumentException($"'{part}' is not a usable part name: use letters, digits, '-', '_' or '.', and not '{MainPart}'.", nameof(part));
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static void TryDeleteDirectory(string path)
    {
        try { System.IO.Directory.Delete(path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
