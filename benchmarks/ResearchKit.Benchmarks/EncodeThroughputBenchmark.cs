using System.Text.Json;
using ResearchKit.Embeddings;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks;

/// <summary>
/// End-to-end images/s from files (decode + preprocess overlapped with inference) against bare
/// encoder runs on ready tensors, for each fixture model at batch 1, 8 and 32.
/// </summary>
public static class EncodeThroughputBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var modelsRoot = args[0];
        var files = Directory.GetFiles(args[1]).Order(StringComparer.Ordinal).ToArray();
        foreach (var name in new[] { "siglip-tiny", "dinov2-tiny", "eva02-clip-tiny" })
        {
            using var model = EmbeddingModel.Open(Path.Combine(modelsRoot, name));
            var tensors = files.Select(f => model.Preprocessor.Process(f)).ToArray();
            // Decode + preprocess alone, on as many workers as the embedder uses: with models this
            // small it, not inference, bounds end-to-end throughput, so it is reported as the ceiling.
            var workers = new BatchEmbeddingOptions().DecodeParallelism;
            var preprocessOnly = Timing.BestThroughput(() => Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = workers }, f => model.Preprocessor.Process(f)), files.Length);
            foreach (var batchSize in new[] { 1, 8, 32 })
            {
                var bare = Timing.BestThroughput(() =>
                {
                    for (var i = 0; i < tensors.Length; i += batchSize)
                        model.ImageEncoder.Encode(tensors[i..Math.Min(i + batchSize, tensors.Length)]);
                }, tensors.Length);
                var embedder = new ImageBatchEmbedder(model, new BatchEmbeddingOptions { BatchSize = batchSize });
                var endToEnd = Timing.BestThroughput(() => embedder.EmbedFilesAsync(files).GetAwaiter().GetResult(), files.Length);
                // Full indexing into a fresh store: the same pipeline plus metadata, hashing and atomic commits.
                var store = Path.Combine(Path.GetTempPath(), "researchkit-bench-store");
                var indexing = Timing.BestThroughput(() =>
                {
                    if (Directory.Exists(store)) Directory.Delete(store, recursive: true);
                    var dataset = ResearchKit.Datasets.Dataset.Open(args[1], new ResearchKit.Datasets.DatasetOptions { StoreDirectory = store });
                    new DatasetIndexer(dataset).IndexAsync(model, new IndexOptions { BatchSize = batchSize }).GetAwaiter().GetResult();
                }, files.Length);
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = name,
                    batch = batchSize,
                    images = files.Length,
                    bare_images_per_s = Math.Round(bare, 1),
                    end_to_end_images_per_s = Math.Round(endToEnd, 1),
                    preprocess_only_images_per_s = Math.Round(preprocessOnly, 1),
                    index_images_per_s = Math.Round(indexing, 1),
                    index_ratio = Math.Round(indexing / bare, 3),
                    ratio = Math.Round(endToEnd / bare, 3),
                    ratio_to_ceiling = Math.Round(endToEnd / Math.Min(bare, preprocessOnly), 3),
                }));
            }
        }
        await Task.CompletedTask;
        return 0;
    }
}
