using System.Diagnostics;
using System.Threading.Channels;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Embeddings;

/// <summary>
/// Embeds many image files: decoding and preprocessing run on worker threads while the encoder runs the previous
/// batch, so neither waits for the other. The batch size and worker count are the caller's, or chosen by measurement
/// during the first batches (<see cref="ThroughputTuner"/>; the tuning carries over between calls on one embedder).
/// A file that fails is recorded and skipped; the rest go on.
/// </summary>
public sealed class ImageBatchEmbedder
{
    private readonly ImagePreprocessor _preprocessor;
    private readonly IImageEncoder _encoder;
    private readonly string _fingerprint;
    private readonly BatchEmbeddingOptions _options;
    private readonly ThroughputTuner _tuner;
    // 0 until the encoder's first batch ran: that one pays the session's first allocations and is not timed.
    private int _warm;

    public ImageBatchEmbedder(EmbeddingModel model, BatchEmbeddingOptions? options = null)
        : this(model.Preprocessor, model.ImageEncoder, model.Identity.Fingerprint, options) { }

    public ImageBatchEmbedder(ImagePreprocessor preprocessor, IImageEncoder encoder, string modelFingerprint, BatchEmbeddingOptions? options = null)
    {
        _preprocessor = preprocessor;
        _encoder = encoder;
        _fingerprint = modelFingerprint;
        _options = options ?? new BatchEmbeddingOptions();
        if (_options.BatchSize is { } batch) ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1, nameof(BatchEmbeddingOptions.BatchSize));
        if (_options.DecodeParallelism is { } workers) ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1, nameof(BatchEmbeddingOptions.DecodeParallelism));
        _tuner = new ThroughputTuner(_options.Tuning, _options.BatchSize, _options.DecodeParallelism, encoder.BatchSize);
    }

    /// <summary>The batch size and worker count in use and the measurements behind them (still measuring until enough batches ran).</summary>
    public ThroughputPlan Plan => _tuner.Plan;

    private sealed record Prepared(int Index, string Source, ImageTensor? Tensor, string? CacheKey, float[]? Cached, ItemFailure? Failure);

    public async Task<BatchEmbeddingResult> EmbedFilesAsync(IReadOnlyList<string> paths, IProgress<BatchProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var channel = Channel.CreateUnbounded<Prepared>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var decoding = new DecodeWorkers(paths.Count, _options.Tuning.Cores, _tuner, stop.Token);
        var producer = Task.Run(async () =>
        {
            try
            {
                await decoding.RunAsync(i => Prepare(i, paths[i]), p => channel.Writer.TryWrite(p)).ConfigureAwait(false);
                channel.Writer.Complete();
            }
            catch (Exception e)
            {
                channel.Writer.Complete(e);
            }
        }, CancellationToken.None);

        var items = new List<EmbeddedItem>(paths.Count);
        var failures = new List<ItemFailure>();
        var pending = new List<Prepared>();
        // Wall time from one batch's end (or the call's start) to the next's, so the spans add up to the call's time.
        var cycle = Stopwatch.StartNew();
        try
        {
            await foreach (var prepared in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (prepared.Failure is not null)
                {
                    failures.Add(prepared.Failure);
                    decoding.Consumed(1);
                }
                else if (prepared.Cached is not null)
                {
                    items.Add(new EmbeddedItem(prepared.Index, prepared.Source, prepared.Cached, VectorNorm.Normalized(prepared.Cached), true));
                    decoding.Consumed(1);
                }
                else
                {
                    pending.Add(prepared);
                    if (pending.Count >= _tuner.BatchSize) Flush();
                }
                progress?.Report(new BatchProgress(items.Count, failures.Count, paths.Count));
            }
            await producer.ConfigureAwait(false);
            Flush();
        }
        finally
        {
            // Stops the workers when the reading side ends early (cancelled, or a failure it does not record).
            await stop.CancelAsync().ConfigureAwait(false);
        }
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
                    var clock = Stopwatch.StartNew();
                    var result = _encoder.Encode([.. batch.Select(p => p.Tensor!)], cancellationToken);
                    var encode = clock.Elapsed;
                    if (_tuner.RecordBatch(batch.Count, batch[0].Tensor!.Data.Length * sizeof(float), Interlocked.Exchange(ref _warm, 1) == 1 ? cycle.Elapsed : null, encode))
                        _options.OnPlan?.Invoke(_tuner.Plan);
                    cycle.Restart();
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
            decoding.Consumed(pending.Count);
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
                return Timed(() => new Prepared(index, path, _preprocessor.Process(bytes, path), key, null, null));
            }
            return Timed(() => new Prepared(index, path, _preprocessor.Process(path), null, null, null));
        }
        catch (Exception e) when (e is ResearchKitException or IOException or UnauthorizedAccessException)
        {
            return new Prepared(index, path, null, null, null, new ItemFailure(index, path, e.GetType().Name, e.Message));
        }
    }

    private Prepared Timed(Func<Prepared> decode)
    {
        var clock = Stopwatch.StartNew();
        var prepared = decode();
        _tuner.RecordDecode(clock.Elapsed);
        return prepared;
    }
}
