using System.Threading.Channels;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Embeddings;

/// <summary>
/// Embeds many image files: decoding and preprocessing run on worker threads while the encoder runs
/// the previous batch, so neither waits for the other. A file that fails is recorded and skipped;
/// the rest go on.
/// </summary>
public sealed class ImageBatchEmbedder
{
    private readonly ImagePreprocessor _preprocessor;
    private readonly IImageEncoder _encoder;
    private readonly string _fingerprint;
    private readonly BatchEmbeddingOptions _options;

    public ImageBatchEmbedder(EmbeddingModel model, BatchEmbeddingOptions? options = null)
        : this(model.Preprocessor, model.ImageEncoder, model.Identity.Fingerprint, options) { }

    public ImageBatchEmbedder(ImagePreprocessor preprocessor, IImageEncoder encoder, string modelFingerprint, BatchEmbeddingOptions? options = null)
    {
        _preprocessor = preprocessor;
        _encoder = encoder;
        _fingerprint = modelFingerprint;
        _options = options ?? new BatchEmbeddingOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DecodeParallelism, 1);
    }

    private sealed record Prepared(int Index, string Source, ImageTensor? Tensor, string? CacheKey, float[]? Cached, ItemFailure? Failure);

    public async Task<BatchEmbeddingResult> EmbedFilesAsync(IReadOnlyList<string> paths, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        // Bounded so decoding runs at most a couple of batches ahead of inference (memory stays flat).
        var channel = Channel.CreateBounded<Prepared>(new BoundedChannelOptions(_options.BatchSize * 2) { SingleReader = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, paths.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = _options.DecodeParallelism, CancellationToken = cancellationToken },
                    async (i, ct) => await channel.Writer.WriteAsync(Prepare(i, paths[i]), ct)).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, cancellationToken);

        var items = new List<EmbeddedItem>(paths.Count);
        var failures = new List<ItemFailure>();
        var pending = new List<Prepared>(_options.BatchSize);
        await foreach (var prepared in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (prepared.Failure is not null) failures.Add(prepared.Failure);
            else if (prepared.Cached is not null)
                items.Add(new EmbeddedItem(prepared.Index, prepared.Source, prepared.Cached, VectorNorm.Normalized(prepared.Cached), true));
            else
            {
                pending.Add(prepared);
                if (pending.Count == _options.BatchSize) Flush();
            }
            progress?.Report(new BatchProgress(items.Count, failures.Count, paths.Count));
        }
        await producer.ConfigureAwait(false);
        Flush();
        progress?.Report(new BatchProgress(items.Count, failures.Count, paths.Count));
        items.Sort((a, b) => a.Index.CompareTo(b.Index));
        failures.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new BatchEmbeddingResult(items, failures);

        void Flush()
        {
            if (pending.Count == 0) return;
            foreach (var group in pending.GroupBy(p => (p.Tensor!.Height, p.Tensor.Width)))
            {
                var batch = group.ToList();
                try
                {
                    var result = _encoder.Encode([.. batch.Select(p => p.Tensor!)], cancellationToken);
                    for (var k = 0; k < batch.Count; k++)
                    {
                        items.Add(new EmbeddedItem(batch[k].Index, batch[k].Source, result.Raw[k], result.Normalized[k], false));
                        if (batch[k].CacheKey is { } key) _options.Cache?.Set(key, result.Raw[k]);
                    }
                }
                catch (ResearchKitException e)
                {
                    failures.AddRange(batch.Select(p => new ItemFailure(p.Index, p.Source, e.GetType().Name, e.Message)));
                }
            }
            pending.Clear();
        }
    }

    private Prepared Prepare(int index, string path)
    {
        try
        {
            if (_options.Cache is { } cache)
            {
                var bytes = File.ReadAllBytes(path);
                var key = EmbeddingCache.KeyFor(bytes, _fingerprint);
                if (cache.TryGet(key, out var hit)) return new Prepared(index, path, null, key, hit, null);
                return new Prepared(index, path, _preprocessor.Process(bytes, path), key, null, null);
            }
            return new Prepared(index, path, _preprocessor.Process(path), null, null, null);
        }
        catch (Exception e) when (e is ResearchKitException or IOException or UnauthorizedAccessException)
        {
            return new Prepared(index, path, null, null, null, new ItemFailure(index, path, e.GetType().Name, e.Message));
        }
    }
}
