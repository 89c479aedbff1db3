using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Models;

namespace ResearchKit.Embeddings;

/// <summary>
/// Builds and refreshes a dataset's space for one model: embeds only new, changed or damaged images, drops deleted
/// ones, rebuilds when the space's identity changed, and commits every <see cref="IndexOptions.CommitEvery"/> images
/// so a killed run resumes without redoing finished work. With <see cref="IndexOptions.Shard"/> it indexes one shard
/// into its own part of the space, beside the other shards' processes.
/// </summary>
public sealed class DatasetIndexer
{
    private readonly Dataset _dataset;
    private readonly EmbeddingStore _store;

    public DatasetIndexer(Dataset dataset)
    {
        _dataset = dataset;
        _store = EmbeddingStore.For(dataset, create: true);
    }

    public EmbeddingStore Store => _store;

    /// <summary>Indexes every image of the dataset (or of the shard the options name) with <paramref name="model"/>.</summary>
    /// <exception cref="StoreBusyException">Another writer held the space longer than <see cref="IndexOptions.LockTimeout"/>.</exception>
    public async Task<IndexReport> IndexAsync(EmbeddingModel model, IndexOptions? options = null, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new IndexOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommitEvery, 1);
        if (_dataset.Items.Count == 0)
            throw new DatasetException(_dataset.Root, $"no images found (looked for {string.Join(", ", Dataset.ImageExtensions)} in all subfolders); add images or point at another folder.");
        var clock = Stopwatch.StartNew();
        var identity = SpaceIdentity.Of(model, options.Space);
        var directory = _store.SpaceDirectory(identity.Space);
        _store.WriteItems(_dataset.Items);

        using var writer = VectorLogWriter.Open(directory, new VectorLogWriterOptions
        {
            Width = identity.Dimension,
            Identity = JsonSerializer.Serialize(identity, EmbeddingStore.Json),
            Accepts = json => EmbeddingStore.TryParseIdentity(json)?.DifferenceFrom(identity) is null,
            Part = options.Shard?.PartName,
            LockTimeout = options.LockTimeout,
            OnWait = options.OnWait,
        }, cancellationToken);
        var invalidated = Invalidation(writer, identity);
        if (invalidated is not null && writer.OwnsAllParts) CropCacheDirectory.DeleteAll(directory);

        var inspection = writer.Inspect();
        var repairable = inspection.Damaged.Where(d => writer.OwnsAllParts || d.Part == writer.PartName).ToList();
        if (repairable.Count > 0) writer.RetireDamaged(repairable);
        var stored = inspection.Stamps;
        var items = _dataset.Items.Where(i => options.Shard?.Contains(i.Id) ?? true).ToList();
        var current = _dataset.Items.ToDictionary(i => i.Id, i => FileStamp(_dataset.FullPath(i)), StringComparer.Ordinal);
        var todo = items.Where(i => !stored.TryGetValue(i.Id, out var s) || s != current[i.Id]).ToList();
        var damagedKeys = repairable.SelectMany(d => d.Keys).ToHashSet(StringComparer.Ordinal);
        var removed = inspection.Owned.Count(k => !current.ContainsKey(k));

        var embedder = new ImageBatchEmbedder(model, new BatchEmbeddingOptions
        {
            BatchSize = options.BatchSize,
            DecodeParallelism = options.DecodeParallelism,
            // A batch larger than a commit would never fill.
            Tuning = options.Tuning with { MaxBatchSize = Math.Min(options.Tuning.MaxBatchSize, options.CommitEvery) },
            OnPlan = options.OnPlan,
        });
        var (embedded, failures) = await EmbedAsync(embedder, writer, identity, todo, current, options, progress, cancellationToken).ConfigureAwait(false);
        // Folders the scan could not read are failures too: their images are missing from the space.
        failures.AddRange(_dataset.ScanFailures.Select(f => new ItemFailure(-1, f.Path, f.Kind, f.Message)));
        var merge = Stopwatch.StartNew();
        if (removed > 0 || writer.ChunkCount > 1 || (writer.OwnsAllParts && writer.TotalChunkCount > 1)) writer.Compact(current.ContainsKey);
        merge.Stop();
        // Crops cached for an image that changed or vanished no longer describe it.
        var changed = todo.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        CropCacheDirectory.Prune(directory, id => current.ContainsKey(id) && !changed.Contains(id));
        _store.WriteFailures(identity.Space, writer.PartName, failures);
        return new IndexReport(identity.Space, embedded, items.Count - todo.Count, removed, failures, invalidated, clock.Elapsed)
        {
            Shard = options.Shard,
            Damaged = inspection.Damaged,
            Repaired = todo.Count(i => damagedKeys.Contains(i.Id)) - failures.Count(f => damagedKeys.Contains(f.Source)),
            Merge = merge.Elapsed,
            Throughput = todo.Count > 0 ? embedder.Plan : null,
        };
    }

    private async Task<(int Embedded, List<ItemFailure> Failures)> EmbedAsync(
        ImageBatchEmbedder embedder, VectorLogWriter writer, SpaceIdentity identity, List<DatasetItem> todo, Dictionary<string, string> current,
        IndexOptions options, IProgress<IndexProgress>? progress, CancellationToken cancellationToken)
    {
        var failures = new List<ItemFailure>();
        var done = 0;
        var embedded = 0;
        var embedClock = Stopwatch.StartNew();
        foreach (var chunk in todo.Chunk(options.CommitEvery))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var offset = done;
            var inner = new ImmediateProgress<BatchProgress>(p => progress?.Report(new IndexProgress(identity.Space, offset + p.Done, failures.Count + p.Failed, todo.Count, embedClock.Elapsed)));
            var result = await embedder.EmbedFilesAsync([.. chunk.Select(_dataset.FullPath)], inner, cancellationToken).ConfigureAwait(false);
            var vectors = new float[result.Items.Count * identity.Dimension];
            var rows = new List<LogRow>(result.Items.Count);
            foreach (var item in result.Items)
            {
                var id = chunk[item.Index].Id;
                // A vector with NaN or infinity would rank nothing and poison every score: record it, never store it.
                if (!item.Normalized.All(float.IsFinite))
                {
                    failures.Add(new ItemFailure(item.Index, id, "NonFiniteEmbedding", $"{item.Source}: the model returned NaN or infinite values for this image; check the model files."));
                    continue;
                }
                item.Normalized.CopyTo(vectors, rows.Count * identity.Dimension);
                rows.Add(new LogRow(id, current[id]));
            }
            writer.Append(rows, vectors.AsMemory(0, rows.Count * identity.Dimension));
            embedded += rows.Count;
            failures.AddRange(result.Failures.Select(f => f with { Source = chunk[f.Index].Id }));
            done += chunk.Length;
            progress?.Report(new IndexProgress(identity.Space, done, failures.Count, todo.Count, embedClock.Elapsed));
        }
        return (embedded, failures);
    }

    // Why the writer discarded the stored vectors, in the user's words; null when they were kept or there were none.
    private static string? Invalidation(VectorLogWriter writer, SpaceIdentity identity)
    {
        if (!writer.Rebuilt) return null;
        if (writer.ReplacedOlderFormat) return $"'{identity.Space}' was stored in an older store format (no checksums); it is rebuilt";
        if (writer.PreviousIdentity is null) return null;
        var previous = EmbeddingStore.TryParseIdentity(writer.PreviousIdentity);
        var why = previous?.DifferenceFrom(identity) ?? "the stored identity is unreadable";
        return $"{why}; the stored vectors of '{identity.Space}' are discarded and re-embedded";
    }

    // Size and modification time: cheap to read for every file on every run, and changed by any edit. A file that
    // cannot even be inspected gets a stamp that never matches, so it is tried (and recorded as a failure) each run.
    private static string FileStamp(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return $"{info.Length}:{info.LastWriteTimeUtc.Ticks}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }
}
