namespace ResearchKit.Embeddings;

/// <summary>
/// Chooses the batch size and the decode worker count of an embedding run from what the run itself measures: the
/// batch starts at 1 and doubles after each size is timed (every image is real work, none is thrown away), until
/// <see cref="ThroughputTuningOptions.Patience"/> doublings in a row fail to raise the pipeline's images per second
/// by <see cref="ThroughputTuningOptions.MinGain"/>, or a bound is reached; then the fastest size measured is kept.
/// Wall time, not the encoder call alone, decides: many small calls also cost the decoding cores (ONNX Runtime's
/// threads wake, and spin, for every call). Decode workers are sized so decoding outruns inference by
/// <see cref="ThroughputTuningOptions.DecodeHeadroom"/>, leaving the other cores to ONNX Runtime's own threads, and
/// follow the measured rates for the rest of the run. Values the caller gives are kept as given. Thread-safe.
/// </summary>
public sealed class ThroughputTuner
{
    private readonly object _gate = new();
    private readonly ThroughputTuningOptions _options;
    private readonly bool _batchMeasured;
    private readonly bool _workersMeasured;
    private readonly int? _fixedBatch;
    private readonly List<BatchTrial> _trials = [];
    private readonly double[] _decodeSeconds = new double[64];
    private int _decodeCount;
    private BatchTrial? _leader;
    private int _sinceLeader;
    private int _timedImages;
    private double _timedCycle;
    private double _timedEncode;
    private double _inferenceRate;
    private string _reason = "";

    /// <summary>A tuner for one run (or one indexer); a null <paramref name="batchSize"/> or <paramref name="decodeWorkers"/> is measured.</summary>
    /// <param name="options">The bounds of the search.</param>
    /// <param name="batchSize">The caller's batch size, or null to measure it.</param>
    /// <param name="decodeWorkers">The caller's worker count, or null to measure it.</param>
    /// <param name="fixedBatch">The graph's fixed batch axis (it then decides the batch size), or null when dynamic.</param>
    public ThroughputTuner(ThroughputTuningOptions options, int? batchSize, int? decodeWorkers, int? fixedBatch = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Patience, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Cores, 1);
        if (batchSize is { } b) ArgumentOutOfRangeException.ThrowIfLessThan(b, 1, nameof(batchSize));
        if (decodeWorkers is { } w) ArgumentOutOfRangeException.ThrowIfLessThan(w, 1, nameof(decodeWorkers));
        _options = options;
        _fixedBatch = fixedBatch;
        _batchMeasured = batchSize is null && fixedBatch is null;
        _workersMeasured = decodeWorkers is null;
        BatchSize = batchSize ?? fixedBatch ?? 1;
        // Decode at full speed while measuring: a starved encoder would time nothing but waiting.
        DecodeWorkers = decodeWorkers ?? options.Cores;
        Settled = !_batchMeasured && !_workersMeasured;
        if (Settled) _reason = "both given";
    }

    /// <summary>Images per encoder call now (grows while tuning).</summary>
    public int BatchSize { get; private set; }

    /// <summary>Files decoded at once now.</summary>
    public int DecodeWorkers { get; private set; }

    /// <summary>True once the batch size is chosen; the worker count may still follow the rates.</summary>
    public bool Settled { get; private set; }

    /// <summary>Records the wall time one worker took to read, decode and preprocess one image.</summary>
    public void RecordDecode(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _decodeSeconds[_decodeCount % _decodeSeconds.Length] = elapsed.TotalSeconds;
            _decodeCount++;
        }
    }

    /// <summary>Records one encoder call; returns true when this call settled the plan.</summary>
    /// <param name="images">Images in the call; calls of another size than <see cref="BatchSize"/> (a short last batch) are not timed.</param>
    /// <param name="bytesPerImage">Input tensor bytes of one image, for the memory bound.</param>
    /// <param name="cycle">Wall time since the previous batch ended or the call began (decoding and waiting included), or null to leave the call untimed (the encoder's very first batch).</param>
    /// <param name="encode">Wall time of the encoder call alone.</param>
    public bool RecordBatch(int images, long bytesPerImage, TimeSpan? cycle, TimeSpan encode)
    {
        lock (_gate)
        {
            if (images != BatchSize) return false;
            // A clock too coarse for a very fast call must not divide by zero.
            var encodeSeconds = Math.Max(encode.TotalSeconds, 1e-9);
            if (Settled)
            {
                _inferenceRate = 0.7 * _inferenceRate + 0.3 * (images / encodeSeconds);
                if (_workersMeasured) DecodeWorkers = WorkersFor(_inferenceRate);
                return false;
            }
            if (cycle is not { } wall) return false;
            (_timedImages, _timedCycle, _timedEncode) = (_timedImages + images, _timedCycle + Math.Max(wall.TotalSeconds, encodeSeconds), _timedEncode + encodeSeconds);
            if (_timedCycle < _options.MinTimedPerSize.TotalSeconds) return false;
            _trials.Add(new BatchTrial(BatchSize, _timedImages / _timedCycle, _timedImages / _timedEncode));
            var stop = _batchMeasured ? StopReason(bytesPerImage) : (_fixedBatch is null ? "batch size given" : "the graph fixes the batch size");
            if (stop is null)
            {
                BatchSize *= 2;
                (_timedImages, _timedCycle, _timedEncode) = (0, 0, 0);
                return false;
            }
            var best = _trials.MaxBy(t => t.ImagesPerSecond)!;
            (BatchSize, _inferenceRate, _reason, Settled) = (best.BatchSize, best.InferenceImagesPerSecond, stop, true);
            if (_workersMeasured) DecodeWorkers = WorkersFor(_inferenceRate);
            return true;
        }
    }

    /// <summary>The choice so far and the measurements behind it.</summary>
    public ThroughputPlan Plan
    {
        get
        {
            lock (_gate)
            {
                return new ThroughputPlan
                {
                    BatchSize = BatchSize,
                    DecodeWorkers = DecodeWorkers,
                    BatchMeasured = _batchMeasured,
                    WorkersMeasured = _workersMeasured,
                    Settled = Settled,
                    Cores = _options.Cores,
                    FixedBatch = _fixedBatch,
                    Trials = [.. _trials],
                    DecodeMillisecondsPerImage = MedianDecodeSeconds() * 1000,
                    InferenceImagesPerSecond = _inferenceRate,
                    Reason = Settled ? _reason : "still measuring",
                };
            }
        }
    }

    // Why the batch should stop growing after the trial just added, or null to double it. The leader is the last size
    // that beat the one before it by the gain; growth stops after Patience sizes in a row fail to beat it.
    private string? StopReason(long bytesPerImage)
    {
        var last = _trials[^1];
        if (_leader is null || last.ImagesPerSecond >= _leader.ImagesPerSecond * (1 + _options.MinGain)) (_leader, _sinceLeader) = (last, 0);
        else if (++_sinceLeader >= _options.Patience)
        {
            var tried = string.Join(" and ", _trials.TakeLast(_sinceLeader).Select(t => $"{t.BatchSize} ({Percent(t.ImagesPerSecond / _leader.ImagesPerSecond - 1)})"));
            return $"batch {tried} gained less than {_options.MinGain * 100:0}% over batch {_leader.BatchSize}";
        }
        if (last.BatchSize * 2 > _options.MaxBatchSize) return $"reached the largest batch tried ({_options.MaxBatchSize})";
        if (last.BatchSize * 2L * bytesPerImage > _options.MaxBatchBytes)
            return $"a batch of {last.BatchSize * 2} would hold {last.BatchSize * 2L * bytesPerImage >> 20} MB of input, over the {_options.MaxBatchBytes >> 20} MB bound";
        return null;
    }

    // Enough workers that decoding outruns the encoder by the headroom, never more than the cores; without decode
    // timings yet (every image a cache hit) the count stays as it is.
    private int WorkersFor(double inferenceRate)
    {
        var decode = MedianDecodeSeconds();
        if (decode <= 0 || inferenceRate <= 0) return DecodeWorkers;
        var needed = (int)Math.Ceiling(_options.DecodeHeadroom * inferenceRate * decode);
        return Math.Clamp(needed, 1, _options.Cores);
    }

    private double MedianDecodeSeconds()
    {
        var n = Math.Min(_decodeCount, _decodeSeconds.Length);
        if (n == 0) return 0;
        var sorted = _decodeSeconds[..n];
        Array.Sort(sorted);
        return sorted[n / 2];
    }

    private static string Percent(double share) => $"{share * 100:+0;-0}%";
}
