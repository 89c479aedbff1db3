using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Embeddings;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks;

/// <summary>
/// End-to-end images/s from JPEG files (decode and preprocessing overlapped with inference by ImageBatchEmbedder)
/// against bare InferenceSession.Run on ready tensors, per model at each batch size; also decode + preprocess alone
/// and, with --index, full indexing. Bare and end-to-end runs alternate, so load on a shared machine hits both
/// alike; each figure is the best of the runs, and the slowest is printed beside it as the spread.
/// </summary>
public static class EncodeThroughputBenchmark
{
    /// <summary>
    /// Arguments: IMAGE_DIR MODEL_DIR... [--batches 1,8,32] [--runs 3] [--index] [--auto [--workers 1,2]] [--auto-only].
    /// --auto adds a row per model comparing the measured choice with a sweep of the batches x worker counts.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var batches = (Option(args, "--batches") ?? "1,8,32").Split(',').Select(int.Parse).ToArray();
        var runs = int.Parse(Option(args, "--runs") ?? "3");
        var index = args.Contains("--index");
        var autoOnly = args.Contains("--auto-only");
        var auto = autoOnly || args.Contains("--auto");
        // ONNX Runtime's idle threads spin (its default) instead of sleeping (ours).
        var spin = args.Contains("--spin");
        var workerCounts = (Option(args, "--workers") ?? "1,2").Split(',').Select(int.Parse).ToArray();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--batches" or "--runs" or "--workers") i++;
            else if (!args[i].StartsWith("--", StringComparison.Ordinal)) positional.Add(args[i]);
        }
        if (positional.Count < 2)
        {
            Console.Error.WriteLine("usage: ResearchKit.Benchmarks encode IMAGE_DIR MODEL_DIR... [--batches 1,8,32] [--runs 3] [--index] [--auto [--workers 1,2]] [--auto-only] [--spin]");
            return 2;
        }
        var files = Directory.GetFiles(positional[0], "*.jpg").Order(StringComparer.Ordinal).ToArray();
        foreach (var directory in positional.Skip(1))
        {
            using var model = EmbeddingModel.Open(directory, new EmbeddingModelOptions { Encoder = EncoderOptions.Default with { IntraOpSpinning = spin } });
            var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
            if (auto) Console.WriteLine(JsonSerializer.Serialize(EncodeAutoComparison.Measure(model, name, files, batches, workerCounts, runs)));
            if (autoOnly) continue;
            var tensors = files.Select(f => model.Preprocessor.Process(f)).ToArray();
            // Decode + preprocess alone on one worker per core: the most any pipeline could feed the encoder.
            var workers = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
            var preprocessOnly = Timing.BestThroughput(() => Parallel.ForEach(files, workers, f => model.Preprocessor.Process(f)), files.Length);
            using var bare = new BareInference(model, EncoderOptions.Default, tensors);
            foreach (var batch in batches)
            {
                bare.UseBatchSize(batch);
                var embedder = new ImageBatchEmbedder(model, new BatchEmbeddingOptions { BatchSize = batch, DecodeParallelism = Environment.ProcessorCount });
                var (bareRates, endToEndRates) = Alternating(runs, bare.RunAll, () => embedder.EmbedFilesAsync(files).GetAwaiter().GetResult(), files.Length);
                double? indexing = index ? Timing.BestThroughput(() => Index(model, positional[0], batch), files.Length) : null;
                var (bareBest, endToEndBest) = (bareRates.Max(), endToEndRates.Max());
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = name,
                    batch,
                    images = files.Length,
                    runs,
                    bare_images_per_s = Math.Round(bareBest, 2),
                    bare_slowest = Math.Round(bareRates.Min(), 2),
                    end_to_end_images_per_s = Math.Round(endToEndBest, 2),
                    end_to_end_slowest = Math.Round(endToEndRates.Min(), 2),
                    preprocess_only_images_per_s = Math.Round(preprocessOnly, 1),
                    index_images_per_s = indexing is { } i ? Math.Round(i, 2) : (double?)null,
                    ratio = Math.Round(endToEndBest / bareBest, 3),
                    // Each end-to-end run against the bare run just before it: the ratio's spread under shared load.
                    paired_ratios = bareRates.Zip(endToEndRates, (a, b) => Math.Round(b / a, 3)).ToArray(),
                    ratio_to_ceiling = Math.Round(endToEndBest / Math.Min(bareBest, preprocessOnly), 3),
                }));
            }
        }
        await Task.CompletedTask;
        return 0;
    }

    private static void Index(EmbeddingModel model, string images, int batch)
    {
        var store = Path.Combine(Path.GetTempPath(), $"researchkit-bench-store-{Environment.ProcessId}");
        if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
        var dataset = ResearchKit.Datasets.Dataset.Open(images, new ResearchKit.Datasets.DatasetOptions { StoreDirectory = store });
        new DatasetIndexer(dataset).IndexAsync(model, new IndexOptions { BatchSize = batch, DecodeParallelism = Environment.ProcessorCount }).GetAwaiter().GetResult();
        Directory.Delete(store, recursive: true);
    }

    /// <summary>Images/s of each run of <paramref name="a"/> and <paramref name="b"/>, taken in turn after one warm-up of each.</summary>
    private static (double[] A, double[] B) Alternating(int runs, Action a, Action b, int count)
    {
        a();
        b();
        var (ratesA, ratesB) = (new double[runs], new double[runs]);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            a();
            ratesA[i] = count / clock.Elapsed.TotalSeconds;
            clock.Restart();
            b();
            ratesB[i] = count / clock.Elapsed.TotalSeconds;
        }
        return (ratesA, ratesB);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
