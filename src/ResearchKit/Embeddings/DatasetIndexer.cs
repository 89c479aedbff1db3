using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Models;

namespace ResearchKit.Embeddings;

/// <summary>
/// Builds and refreshes a dataset's space for one model: embeds only new or changed images, drops deleted
/// ones, discards everything when the model or preprocessing changed, and commits every
/// <see cref="IndexOptions.CommitEvery"/> images so a killed run resumes without redoing finished work.
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

    /// <summary>Indexes every image of the dataset with <paramref name="model"/>.</summary>
    public async Task<IndexReport> IndexAsync(EmbeddingModel model, IndexOptions? options = null, IProgress<IndexProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new IndexOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CommitEvery, 1);
        if (_dataset.Items.Count == 0)
            throw new DatasetException(_dataset.Root, $"no images found (looked for {string.Join(", ", Dataset.ImageExtensions)} in all subfolders); add images or point at another folder.");
        var clock = Stopwatch.StartNew();
        var identity = SpaceIdentities.ForImages(model, options.Space);
        var directory = _store.SpaceDirectory(identity.Space);
        _store.WriteItems(_dataset.Items);

        var log = VectorLog.TryOpen(directory);
        string? invalidated = null;
        if (log is not null && EmbeddingStore.ParseIdentity(log).DifferenceFrom(identity) is { } why)
        {
            invalidated = $"{why}; all {log.ReadStamps().Count} stored vectors of '{identity.Space}' are discarded and re-embedded";
            log = null;
            CropCacheDirectory.DeleteAll(directory);
        }
        log ??= VectorLog.Create(directory, identity.Dimension, JsonSerializer.Serialize(identity, EmbeddingStore.Json));

        var stored = log.ReadStamps();
        var current = _dataset.Items.ToDictionary(i => i.Id, i => FileStamp(_dataset.FullPath(i)), StringComparer.Ordinal);
        var todo = _dataset.Items.Where(i => !stored.TryGetValue(i.Id, out var s) || s != current[i.Id]).ToList();
        var removed = stored.Keys.Count(k => !current.ContainsKey(k));

        var embedder = new ImageBatchEmbedder(model, new BatchEmbeddingOptions { BatchSize = options.BatchSize, DecodeParallelism = options.DecodeParallelism });
        var failures = new List<ItemFailure>();
        var done = 0;
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
                item.Normalized.CopyTo(vectors, rows.Count * identity.Dimension);
                rows.Add(new LogRow(chunk[item.Index].Id, current[chunk[item.Index].Id]));
            }
            log.Append(rows, vectors);
            failures.AddRange(result.Failures.Select(f => f with { Source = chunk[f.Index].Id }));
            done += chunk.Length;
            progress?.Report(new IndexProgress(identity.Space, done, failures.Count, todo.Count, embedClock.Elapsed));
        }
        if (removed > 0 || log.ChunkCount > 1) log.Compact(current.ContainsKey);
        // Crops cached for an image that changed or vanished no longer describe it.
        var changed = todo.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        CropCacheDirectory.Prune(directory, id => current.ContainsKey(id) && !changed.Contains(id));
        _store.WriteFailures(identity.Space, failures);
        return new IndexReport(identity.Space, todo.Count - failures.Count, _dataset.Items.Count - todo.Count, removed, failures, invalidated, clock.Elapsed);
    }

    // Size and modification time: cheap to read for every file on every run, and changed by any edit.
    private static string FileStamp(string path)
    {
        var info = new FileInfo(path);
        return $"{info.Length}:{info.LastWriteTimeUtc.Ticks}";
    }
}
