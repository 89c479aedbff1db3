using System.Collections.Concurrent;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Imaging;
using ResearchKit.Models;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Embeddings;

/// <summary>
/// The embedder on a measured batch size and worker count: every file embedded once, in order, whatever sizes the
/// tuner picks; the vectors do not depend on the batch size; given values are kept; the CLI takes auto or a number.
/// </summary>
public sealed class AutoBatchingTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string[] _files;

    public AutoBatchingTests()
    {
        TestDatasets.WriteGeneratedImages(_dir.Path, 40);
        _files = Directory.GetFiles(_dir.Path, "*.png").Order(StringComparer.Ordinal).ToArray();
    }

    public void Dispose() => _dir.Dispose();

    // Never stops growing for lack of gain, so one run walks batch 1, 2, 4, ... whatever the machine's timings.
    private static readonly ThroughputTuningOptions AlwaysGrow = new() { MinGain = -1000, MaxBatchSize = 8, MinTimedPerSize = TimeSpan.Zero };

    /// <summary>Returns each image's first four tensor values as its vector and records every call's size.</summary>
    private sealed class RecordingEncoder(int? fixedBatch = null) : IImageEncoder
    {
        public ConcurrentQueue<int> Calls { get; } = new();
        public int Dimension => 4;
        public int? BatchSize => fixedBatch;
        public Func<int, Exception?> Fail { get; init; } = _ => null;

        public EmbeddingBatch Encode(IReadOnlyList<ImageTensor> images, CancellationToken cancellationToken = default)
        {
            Calls.Enqueue(images.Count);
            if (Fail(Calls.Count) is { } e) throw e;
            return new EmbeddingBatch([.. images.Select(i => i.Data[..4])]);
        }

        public void Dispose() { }
    }

    private static ImagePreprocessor Preprocessor() => EmbeddingModel.Open(FixturePaths.Model("dinov2-tiny")).Preprocessor;

    [Fact]
    public async Task Auto_embeds_every_file_once_in_order_through_growing_batches()
    {
        var preprocessor = Preprocessor();
        var encoder = new RecordingEncoder();
        var plans = new List<ThroughputPlan>();
        var embedder = new ImageBatchEmbedder(preprocessor, encoder, "fake", new BatchEmbeddingOptions { Tuning = AlwaysGrow, OnPlan = plans.Add });

        var result = await embedder.EmbedFilesAsync(_files);

        Assert.Empty(result.Failures);
        Assert.Equal(Enumerable.Range(0, _files.Length), result.Items.Select(i => i.Index));
        Assert.Equal(_files, result.Items.Select(i => i.Source));
        foreach (var item in result.Items)
            Assert.Equal(preprocessor.Process(item.Source).Data[..4], item.Raw);
        // The run's first call has nothing to time against; then one call times each size (16 images in all).
        Assert.Equal([1, 1, 2, 4, 8], encoder.Calls.Take(5));
        Assert.Equal(_files.Length, encoder.Calls.Sum());
        var plan = Assert.Single(plans);
        Assert.True(plan.Settled && plan.BatchMeasured && plan.WorkersMeasured);
        Assert.Equal([1, 2, 4, 8], plan.Trials.Select(t => t.BatchSize));
        Assert.True(plan.DecodeMillisecondsPerImage > 0, "decode times were not recorded");
        Assert.InRange(plan.DecodeWorkers, 1, Environment.ProcessorCount);
    }

    [Fact]
    public async Task The_tuning_carries_over_between_calls_on_one_embedder()
    {
        var encoder = new RecordingEncoder();
        var embedder = new ImageBatchEmbedder(Preprocessor(), encoder, "fake", new BatchEmbeddingOptions { Tuning = AlwaysGrow with { MaxBatchSize = 4 } });

        await embedder.EmbedFilesAsync(_files[..5]);
        await embedder.EmbedFilesAsync(_files[5..]);

        // The first call timed batches 1 and 2 (its last image ran alone); the second goes on at 4, which settles it
        // (on the fastest of the three, whichever this machine made it).
        Assert.Equal([1, 1, 2, 1, 4], encoder.Calls.Take(5));
        Assert.True(embedder.Plan.Settled);
        Assert.Equal([1, 2, 4], embedder.Plan.Trials.Select(t => t.BatchSize));
    }

    [Fact]
    public async Task A_batch_as_large_as_each_call_is_timed_and_settles()
    {
        var encoder = new RecordingEncoder();
        var embedder = new ImageBatchEmbedder(Preprocessor(), encoder, "fake", new BatchEmbeddingOptions { Tuning = AlwaysGrow with { MaxBatchSize = 8 } });

        // Every call is one batch of 8 once the tuner reaches 8, as a benchmark re-running its files (or an indexer
        // whose commits are the largest batch) sees it; that size must still be timed and end the search.
        for (var call = 0; call < 6 && !embedder.Plan.Settled; call++) await embedder.EmbedFilesAsync(_files[..8]);

        Assert.True(embedder.Plan.Settled, embedder.Plan.ToString());
        Assert.Equal([1, 2, 4, 8], embedder.Plan.Trials.Select(t => t.BatchSize));
    }

    [Fact]
    public async Task Given_values_and_a_graphs_fixed_batch_are_kept()
    {
        var given = new RecordingEncoder();
        await new ImageBatchEmbedder(Preprocessor(), given, "fake", new BatchEmbeddingOptions { BatchSize = 7, DecodeParallelism = 1 }).EmbedFilesAsync(_files);
        Assert.Equal([7, 7, 7, 7, 7, 5], given.Calls);

        var graph = new RecordingEncoder(fixedBatch: 3);
        var embedder = new ImageBatchEmbedder(Preprocessor(), graph, "fake", new BatchEmbeddingOptions { Tuning = AlwaysGrow });
        await embedder.EmbedFilesAsync(_files);
        Assert.All(graph.Calls.SkipLast(1), size => Assert.Equal(3, size));
        Assert.Equal(3, embedder.Plan.BatchSize);
        Assert.False(embedder.Plan.BatchMeasured);
    }

    [Fact]
    public async Task An_encoder_failure_it_does_not_record_ends_the_run_and_stops_the_workers()
    {
        var encoder = new RecordingEncoder { Fail = call => call == 3 ? new InvalidOperationException("broken runtime") : null };
        var embedder = new ImageBatchEmbedder(Preprocessor(), encoder, "fake", new BatchEmbeddingOptions { Tuning = AlwaysGrow });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => embedder.EmbedFilesAsync(_files).WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.Equal("broken runtime", error.Message);
        Assert.Equal(3, encoder.Calls.Count);
    }

    [Fact]
    public async Task A_cancelled_run_stops()
    {
        using var cancel = new CancellationTokenSource();
        var encoder = new RecordingEncoder { Fail = call => { if (call == 2) cancel.Cancel(); return null; } };
        var embedder = new ImageBatchEmbedder(Preprocessor(), encoder, "fake", new BatchEmbeddingOptions { Tuning = AlwaysGrow });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => embedder.EmbedFilesAsync(_files, cancellationToken: cancel.Token).WaitAsync(TimeSpan.FromMinutes(2)));
        Assert.InRange(encoder.Calls.Count, 2, 3);
    }

    [Theory]
    [InlineData("siglip-tiny")]
    [InlineData("dinov2-tiny")]
    [InlineData("eva02-clip-tiny")]
    public async Task Vectors_do_not_depend_on_the_batch_size_chosen(string name)
    {
        using var model = EmbeddingModel.Open(FixturePaths.Model(name));
        var files = _files.Concat(Directory.GetFiles(Path.Combine(FixturePaths.Reference, "images"), "photo_*.jpg")).ToArray();
        var one = await new ImageBatchEmbedder(model, new BatchEmbeddingOptions { BatchSize = 1, DecodeParallelism = 1 }).EmbedFilesAsync(files);
        var auto = new ImageBatchEmbedder(model, new BatchEmbeddingOptions { Tuning = AlwaysGrow });
        var tuned = await auto.EmbedFilesAsync(files);

        Assert.True(auto.Plan.Trials.Count >= 4, $"the run measured only {auto.Plan.Trials.Count} batch sizes");
        Assert.Equal(one.Items.Select(i => i.Source), tuned.Items.Select(i => i.Source));
        for (var i = 0; i < files.Length; i++)
            VectorAssert.Close(one.Items[i].Normalized, tuned.Items[i].Normalized, 1e-5, $"{name} {Path.GetFileName(files[i])}");
    }

    [Fact]
    public async Task Indexing_reports_the_plan_it_used()
    {
        using var model = EmbeddingModel.Open(FixturePaths.Model("siglip-tiny"));
        var plans = new List<ThroughputPlan>();
        var report = await new DatasetIndexer(Dataset.Open(_dir.Path)).IndexAsync(model, new IndexOptions { CommitEvery = 16, Tuning = AlwaysGrow, OnPlan = plans.Add });

        Assert.Equal(_files.Length, report.Embedded);
        Assert.NotNull(report.Throughput);
        Assert.True(report.Throughput.Settled);
        Assert.Equal([1, 2, 4, 8], report.Throughput.Trials.Select(t => t.BatchSize));
        Assert.Equal(report.Throughput.BatchSize, Assert.Single(plans).BatchSize);
    }

    [Theory]
    [InlineData("auto", null)]
    [InlineData("AUTO", null)]
    [InlineData("12", 12)]
    public void The_cli_takes_auto_or_a_number(string text, int? expected) =>
        Assert.Equal(expected, ResearchKit.Cli.Commands.ThroughputArguments.Parse("--batch-size", text));

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public void The_cli_refuses_anything_else(string text)
    {
        var run = CliRun.Invoke("embed", _files[0], "--model", FixturePaths.Model("siglip-tiny"), "--decode-workers", text);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--decode-workers takes 'auto' or a whole number of at least 1, got '{text}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_slurm_script_passes_given_values_on_and_leaves_auto_to_each_task()
    {
        var auto = CliRun.Invoke("slurm", "script", "/shared/photos", "--model", "m", "--shards", "2");
        Assert.DoesNotContain("--batch-size", auto.Out, StringComparison.Ordinal);
        var given = CliRun.Invoke("slurm", "script", "/shared/photos", "--model", "m", "--shards", "2", "--batch-size", "16", "--decode-workers", "3");
        Assert.Contains("--batch-size 16 --decode-workers 3\n", given.Out, StringComparison.Ordinal);
    }
}
