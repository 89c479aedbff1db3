using ResearchKit.Embeddings;

namespace ResearchKit.Tests.Embeddings;

/// <summary>The chooser's rules on injected measurements: no clock is read, so nothing here depends on the machine.</summary>
public sealed class ThroughputTunerTests
{
    private const long SmallImage = 3 * 224 * 224 * 4;
    private static readonly ThroughputTuningOptions FourCores = new() { Cores = 4, MinTimedPerSize = TimeSpan.Zero, Patience = 1 };

    // Feeds every batch the tuner asks for at the rate `ratePerBatch` gives (pipeline and encoder alike, unless
    // `inferenceRate` gives the encoder's), until it settles; returns the sizes called.
    private static List<int> RunUntilSettled(ThroughputTuner tuner, Func<int, double> ratePerBatch, long bytesPerImage = SmallImage, Func<int, double>? inferenceRate = null)
    {
        var sizes = new List<int>();
        for (var call = 0; call < 100 && !tuner.Settled; call++)
        {
            var batch = tuner.BatchSize;
            sizes.Add(batch);
            var encode = TimeSpan.FromSeconds(batch / (inferenceRate ?? ratePerBatch)(batch));
            tuner.RecordBatch(batch, bytesPerImage, TimeSpan.FromSeconds(batch / ratePerBatch(batch)), encode);
        }
        Assert.True(tuner.Settled, "the tuner never settled");
        return sizes;
    }

    [Fact]
    public void The_batch_doubles_while_each_doubling_pays_and_keeps_the_fastest_size()
    {
        var tuner = new ThroughputTuner(FourCores, batchSize: null, decodeWorkers: null);
        var rates = new Dictionary<int, double> { [1] = 10, [2] = 15, [4] = 20, [8] = 21 };

        var sizes = RunUntilSettled(tuner, b => rates[b]);

        Assert.Equal([1, 2, 4, 8], sizes);
        Assert.Equal(8, tuner.BatchSize); // 8 gained only 5% over 4, but it was still the fastest measured
        var plan = tuner.Plan;
        Assert.True(plan.BatchMeasured);
        Assert.Equal([1, 2, 4, 8], plan.Trials.Select(t => t.BatchSize));
        Assert.Equal("batch 8 (+5%) gained less than 10% over batch 4", plan.Reason);
    }

    [Fact]
    public void One_noisy_size_does_not_stop_the_growth_with_patience()
    {
        var tuner = new ThroughputTuner(FourCores with { Patience = 2 }, null, null);
        var rates = new Dictionary<int, double> { [1] = 10, [2] = 9, [4] = 20, [8] = 21, [16] = 19 };

        Assert.Equal([1, 2, 4, 8, 16], RunUntilSettled(tuner, b => rates[b]));
        Assert.Equal(8, tuner.BatchSize);
        Assert.Equal("batch 8 (+5%) and 16 (-5%) gained less than 10% over batch 4", tuner.Plan.Reason);
    }

    [Fact]
    public void Each_size_is_timed_for_the_least_wall_time_over_as_many_calls_as_it_takes()
    {
        var tuner = new ThroughputTuner(FourCores with { MinTimedPerSize = TimeSpan.FromSeconds(1) }, null, null);
        for (var i = 0; i < 4; i++) tuner.RecordBatch(1, SmallImage, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(0.1));
        Assert.Equal(1, tuner.Plan.Trials.Single().BatchSize); // 4 calls reached 1.2 s
        Assert.Equal(4 / 1.2, tuner.Plan.Trials[0].ImagesPerSecond, 6);
        Assert.Equal(10, tuner.Plan.Trials[0].InferenceImagesPerSecond, 6);
        tuner.RecordBatch(2, SmallImage, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)); // one slow call is enough
        Assert.Equal(2, tuner.Plan.Trials.Count);
    }

    [Fact]
    public void A_doubling_that_slows_inference_is_undone()
    {
        var tuner = new ThroughputTuner(FourCores, null, null);
        var rates = new Dictionary<int, double> { [1] = 10, [2] = 16, [4] = 12 };

        RunUntilSettled(tuner, b => rates[b]);

        Assert.Equal(2, tuner.BatchSize);
        Assert.Equal(16, tuner.Plan.InferenceImagesPerSecond, 6);
    }

    [Fact]
    public void A_runs_first_batch_is_not_timed()
    {
        var tuner = new ThroughputTuner(FourCores, null, null);
        tuner.RecordBatch(1, SmallImage, null, TimeSpan.FromSeconds(0.001)); // no span from a previous batch to time
        Assert.Empty(tuner.Plan.Trials);
        tuner.RecordBatch(1, SmallImage, TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(0.05));
        Assert.Equal(10, tuner.Plan.Trials.Single().ImagesPerSecond, 6);
        Assert.Equal(2, tuner.BatchSize);
    }

    [Fact]
    public void The_pipelines_wall_time_chooses_the_batch_and_the_encoders_rate_sizes_the_workers()
    {
        // Inference alone is as fast at every size, but small calls slow the whole pipeline (they cost the decoders).
        var tuner = new ThroughputTuner(FourCores, null, null);
        for (var i = 0; i < 10; i++) tuner.RecordDecode(TimeSpan.FromMilliseconds(10));
        var pipeline = new Dictionary<int, double> { [1] = 50, [2] = 80, [4] = 85 };

        RunUntilSettled(tuner, b => pipeline[b], inferenceRate: _ => 100);

        Assert.Equal(4, tuner.BatchSize);
        Assert.Equal(100, tuner.Plan.InferenceImagesPerSecond, 6);
        Assert.Equal(2, tuner.DecodeWorkers); // 1.25 x 100 images/s x 10 ms
    }

    [Fact]
    public void Growth_stops_at_the_largest_batch_and_at_the_memory_bound()
    {
        var capped = new ThroughputTuner(FourCores with { MaxBatchSize = 16 }, null, null);
        RunUntilSettled(capped, b => b * 10.0); // every doubling pays
        Assert.Equal(16, capped.BatchSize);
        Assert.Contains("largest batch tried (16)", capped.Plan.Reason, StringComparison.Ordinal);

        var bounded = new ThroughputTuner(FourCores with { MaxBatchBytes = 8 * SmallImage }, null, null);
        RunUntilSettled(bounded, b => b * 10.0);
        Assert.Equal(8, bounded.BatchSize);
        Assert.Contains("MB bound", bounded.Plan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_batches_are_not_timed()
    {
        var tuner = new ThroughputTuner(FourCores, null, null);
        tuner.RecordBatch(3, SmallImage, TimeSpan.FromSeconds(0.001), TimeSpan.FromSeconds(0.001)); // a group of another size
        Assert.Equal(1, tuner.BatchSize);
        Assert.Empty(tuner.Plan.Trials);
    }

    [Fact]
    public void A_given_batch_size_or_a_fixed_graph_batch_is_kept_and_only_timed()
    {
        var given = new ThroughputTuner(FourCores, batchSize: 32, decodeWorkers: null);
        Assert.Equal([32], RunUntilSettled(given, _ => 50));
        Assert.False(given.Plan.BatchMeasured);
        Assert.Equal(50, given.Plan.InferenceImagesPerSecond, 6);

        var graph = new ThroughputTuner(FourCores, batchSize: null, decodeWorkers: null, fixedBatch: 1);
        Assert.Equal([1], RunUntilSettled(graph, _ => 50));
        Assert.Equal(1, graph.BatchSize);
        Assert.Contains("fixed by the graph (1)", graph.Plan.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_values_need_no_measurement()
    {
        var tuner = new ThroughputTuner(FourCores, batchSize: 8, decodeWorkers: 3);
        Assert.True(tuner.Settled);
        tuner.RecordDecode(TimeSpan.FromSeconds(1));
        tuner.RecordBatch(8, SmallImage, TimeSpan.FromSeconds(0.01), TimeSpan.FromSeconds(0.01));
        Assert.Equal((8, 3), (tuner.BatchSize, tuner.DecodeWorkers));
        Assert.False(tuner.Plan.WorkersMeasured);
    }

    [Fact]
    public void Decoding_runs_on_every_core_while_measuring()
    {
        var tuner = new ThroughputTuner(FourCores, null, null);
        Assert.Equal(4, tuner.DecodeWorkers);
    }

    [Theory]
    [InlineData(10.0, 2.0, 1)]    // a large model: 2 images/s of inference, 10 ms decodes: one worker keeps it fed
    [InlineData(10.0, 150.0, 2)]  // 150 images/s x 10 ms x 1.25 headroom = 1.9 workers
    [InlineData(10.0, 1000.0, 4)] // decoding is the bottleneck: every core decodes
    public void Decode_workers_are_sized_to_keep_inference_fed(double decodeMilliseconds, double inferenceRate, int expected)
    {
        var tuner = new ThroughputTuner(FourCores, batchSize: 16, decodeWorkers: null);
        for (var i = 0; i < 10; i++) tuner.RecordDecode(TimeSpan.FromMilliseconds(decodeMilliseconds));

        RunUntilSettled(tuner, _ => inferenceRate);

        Assert.Equal(expected, tuner.DecodeWorkers);
        Assert.Equal(decodeMilliseconds, tuner.Plan.DecodeMillisecondsPerImage, 6);
    }

    [Fact]
    public void A_given_worker_count_is_kept_and_a_measured_one_follows_the_rates_after_settling()
    {
        var given = new ThroughputTuner(FourCores, null, decodeWorkers: 3);
        given.RecordDecode(TimeSpan.FromMilliseconds(1));
        RunUntilSettled(given, _ => 1);
        Assert.Equal(3, given.DecodeWorkers);

        var measured = new ThroughputTuner(FourCores, batchSize: 4, decodeWorkers: null);
        for (var i = 0; i < 10; i++) measured.RecordDecode(TimeSpan.FromMilliseconds(10));
        RunUntilSettled(measured, _ => 2);
        Assert.Equal(1, measured.DecodeWorkers);
        // Inference turns out far faster later in the run (another load on the machine went away): more workers.
        for (var i = 0; i < 20; i++) measured.RecordBatch(4, SmallImage, TimeSpan.FromSeconds(4 / 300.0), TimeSpan.FromSeconds(4 / 300.0));
        Assert.Equal(4, measured.DecodeWorkers);
    }

    [Fact]
    public void Cache_hits_alone_leave_the_worker_count_as_it_was()
    {
        var tuner = new ThroughputTuner(FourCores, batchSize: 4, decodeWorkers: null);
        RunUntilSettled(tuner, _ => 100);
        Assert.Equal(4, tuner.DecodeWorkers);
        Assert.Equal(0, tuner.Plan.DecodeMillisecondsPerImage);
    }

    [Fact]
    public void Bad_values_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThroughputTuner(FourCores, batchSize: 0, decodeWorkers: null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThroughputTuner(FourCores, null, decodeWorkers: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThroughputTuner(FourCores with { MaxBatchSize = 0 }, null, null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThroughputTuner(FourCores with { Patience = 0 }, null, null));
    }
}
