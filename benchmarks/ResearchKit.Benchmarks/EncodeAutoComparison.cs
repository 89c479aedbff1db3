using System.Diagnostics;
using ResearchKit.Embeddings;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks;

/// <summary>
/// The measured choice against a sweep: end-to-end images/s of every fixed batch size x decode worker count, then
/// an embedder left on auto. Its first pass (tuning included) is timed, then it runs the files again until the tuner
/// has settled, and its settled runs are timed like the fixed ones.
/// </summary>
public static class EncodeAutoComparison
{
    /// <summary>One JSON-ready row for <paramref name="model"/> over <paramref name="files"/>.</summary>
    public static object Measure(EmbeddingModel model, string name, string[] files, int[] batches, int[] workers, int runs)
    {
        var sweep = new List<(int Batch, int Workers, double Rate)>();
        foreach (var batch in batches)
            foreach (var count in workers)
            {
                var fixedEmbedder = new ImageBatchEmbedder(model, new BatchEmbeddingOptions { BatchSize = batch, DecodeParallelism = count });
                sweep.Add((batch, count, Timing.BestThroughput(() => Embed(fixedEmbedder, files), files.Length, runs)));
            }

        // A batch larger than the file list never fills, so the search stops there (the indexer stops at a commit's size).
        var auto = new ImageBatchEmbedder(model, new BatchEmbeddingOptions { Tuning = ThroughputTuningOptions.Default with { MaxBatchSize = Math.Min(64, files.Length) } });
        var clock = Stopwatch.StartNew();
        Embed(auto, files);
        var firstPass = files.Length / clock.Elapsed.TotalSeconds;
        var tuningImages = files.Length;
        // Indexing keeps one embedder for the whole run, so its tuning carries over between commits like this. Each size
        // is timed for 0.5 s, so a fast model needs many passes over a small file list (about 3 s of work in all).
        for (var pass = 0; !auto.Plan.Settled && pass < 200; pass++)
        {
            Embed(auto, files);
            tuningImages += files.Length;
        }
        var tuningSeconds = clock.Elapsed.TotalSeconds;
        var settled = Timing.BestThroughput(() => Embed(auto, files), files.Length, runs);
        var plan = auto.Plan;
        var best = sweep.MaxBy(s => s.Rate);
        return new
        {
            kind = "auto",
            model = name,
            images = files.Length,
            runs,
            auto_batch = plan.BatchSize,
            auto_workers = plan.DecodeWorkers,
            auto_reason = plan.ToString(),
            tuning_images = tuningImages,
            tuning_seconds = Math.Round(tuningSeconds, 1),
            auto_first_pass_images_per_s = Math.Round(firstPass, 2),
            auto_images_per_s = Math.Round(settled, 2),
            best_fixed_batch = best.Batch,
            best_fixed_workers = best.Workers,
            best_fixed_images_per_s = Math.Round(best.Rate, 2),
            auto_over_best_fixed = Math.Round(settled / best.Rate, 3),
            sweep = sweep.Select(s => new { batch = s.Batch, workers = s.Workers, images_per_s = Math.Round(s.Rate, 2) }).ToArray(),
        };
    }

    private static void Embed(ImageBatchEmbedder embedder, string[] files) => embedder.EmbedFilesAsync(files).GetAwaiter().GetResult();
}
