using System.Globalization;

namespace ResearchKit.Embeddings;

/// <summary>One batch size tried while tuning and the rates measured at it.</summary>
/// <param name="BatchSize">Images per encoder call.</param>
/// <param name="ImagesPerSecond">
/// The whole pipeline: images over the wall time from one batch's end to the next's, so decoding, waiting and the
/// cost that many small encoder calls put on the decoding cores all count.
/// </param>
/// <param name="InferenceImagesPerSecond">The encoder calls alone: how fast decoding must be to keep inference busy.</param>
public sealed record BatchTrial(int BatchSize, double ImagesPerSecond, double InferenceImagesPerSecond);

/// <summary>
/// The batch size and decode worker count an embedding run uses, whether each was given or measured, and the
/// measurements behind them, so a user sees why.
/// </summary>
public sealed record ThroughputPlan
{
    /// <summary>Images per encoder call.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Files decoded and preprocessed at once.</summary>
    public required int DecodeWorkers { get; init; }

    /// <summary>True when the batch size was chosen by measurement, false when the caller gave it (or the graph fixes it).</summary>
    public required bool BatchMeasured { get; init; }

    /// <summary>True when the worker count was chosen by measurement, false when the caller gave it.</summary>
    public required bool WorkersMeasured { get; init; }

    /// <summary>False while the batch size is still being measured.</summary>
    public bool Settled { get; init; }

    /// <summary>Cores decoding and inference share.</summary>
    public int Cores { get; init; } = Environment.ProcessorCount;

    /// <summary>The batch sizes tried, in order.</summary>
    public IReadOnlyList<BatchTrial> Trials { get; init; } = [];

    /// <summary>The graph's fixed batch axis, when it has one (the batch size is then that).</summary>
    public int? FixedBatch { get; init; }

    /// <summary>Wall time of decoding and preprocessing one image on one worker (median), in milliseconds.</summary>
    public double DecodeMillisecondsPerImage { get; init; }

    /// <summary>Inference rate at the chosen batch size (encoder calls alone; followed through the run).</summary>
    public double InferenceImagesPerSecond { get; init; }

    /// <summary>Why growth stopped, in the user's words.</summary>
    public string Reason { get; init; } = "";

    /// <summary>One line for logs: the choice, then the measurements.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var batch = BatchMeasured ? "auto" : FixedBatch is { } f ? $"fixed by the graph ({f})" : "given";
        var workers = WorkersMeasured ? "auto" : "given";
        var trials = Trials.Count == 0 ? "" : "; images/s by batch (pipeline / inference alone): " + string.Join(", ", Trials.Select(t => string.Create(c, $"{t.BatchSize}: {t.ImagesPerSecond:0.##} / {t.InferenceImagesPerSecond:0.##}")));
        // The inference rate is known once a size is chosen; before that the trials carry it.
        var inference = InferenceImagesPerSecond > 0 ? string.Create(c, $", inference {InferenceImagesPerSecond:0.##} images/s") : "";
        return string.Create(c, $"batch {BatchSize} ({batch}), {DecodeWorkers} decode workers ({workers}) of {Cores} cores; decode {DecodeMillisecondsPerImage:0.#} ms/image per worker{inference}{trials}{(Reason.Length > 0 ? "; " + Reason : "")}");
    }
}
