using System.Text.Json;
using ResearchKit.Embeddings;
using ResearchKit.Models;
using SkiaSharp;

namespace ResearchKit.Benchmarks;

/// <summary>
/// Images/s through one execution provider (cuda on a GPU machine) for one model's image tower: end to end from JPEG
/// files (ImageBatchEmbedder: decode and preprocess overlapped with inference) against bare InferenceSession.Run on
/// ready input tensors, at each batch size. Runs from a self-contained publish, so a GPU machine needs no .NET SDK.
/// </summary>
public static class GpuThroughputBenchmark
{
    /// <summary>
    /// Arguments: MODEL_DIR IMAGE_DIR [--provider cuda] [--batches 32,128] [--images 1024]. IMAGE_DIR is filled with
    /// camera-sized JPEGs first when it holds fewer than --images of them.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: ResearchKit.Benchmarks gpu MODEL_DIR IMAGE_DIR [--provider cuda] [--batches 32,128] [--images 1024]");
            return 2;
        }
        var provider = Option(args, "--provider") ?? "cuda";
        var batches = (Option(args, "--batches") ?? "32,128").Split(',').Select(int.Parse).ToArray();
        var count = int.Parse(Option(args, "--images") ?? "1024");
        var files = EnsureImages(args[1], count);

        var options = new EmbeddingModelOptions { Encoder = EncoderOptions.Default with { ExecutionProvider = provider } };
        using var model = EmbeddingModel.Open(args[0], options);
        // Preprocess once: 'bare' then measures the runtime alone on the tensors a pipeline would hand it.
        var tensors = files.Select(f => model.Preprocessor.Process(f)).ToArray();
        using var bareRuns = new BareInference(model, options.Encoder, tensors);

        foreach (var batch in batches)
        {
            bareRuns.UseBatchSize(batch);
            var bare = Timing.BestThroughput(bareRuns.RunAll, tensors.Length);
            var embedder = new ImageBatchEmbedder(model, new BatchEmbeddingOptions { BatchSize = batch, DecodeParallelism = Environment.ProcessorCount });
            var endToEnd = Timing.BestThroughput(() => embedder.EmbedFilesAsync(files).GetAwaiter().GetResult(), files.Length);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                model = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(args[0]))),
                provider,
                batch,
                images = files.Length,
                input_size = $"{tensors[0].Height}x{tensors[0].Width}",
                bare_images_per_s = Math.Round(bare, 1),
                end_to_end_images_per_s = Math.Round(endToEnd, 1),
                ratio = Math.Round(endToEnd / bare, 3),
                decode_workers = Environment.ProcessorCount,
            }));
        }
        await Task.CompletedTask;
        return 0;
    }

    // Camera-sized JPEGs (800x600) of smooth gradients and shapes, so decoding costs what real photos cost.
    private static string[] EnsureImages(string folder, int count)
    {
        Directory.CreateDirectory(folder);
        var existing = Directory.GetFiles(folder, "*.jpg");
        if (existing.Length >= count) return [.. existing.Order(StringComparer.Ordinal).Take(count)];
        var random = new Random(11);
        for (var i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(800, 600);
            using (var canvas = new SKCanvas(bitmap))
            {
            using var shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(800, 600),
                [new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)), new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256))],
                SKShaderTileMode.Clamp);
            using var background = new SKPaint { Shader = shader };
            canvas.DrawRect(0, 0, 800, 600, background);
            using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)), IsAntialias = true };
            for (var s = 0; s < 12; s++) canvas.DrawCircle(random.Next(800), random.Next(600), random.Next(20, 120), paint);
            }
            using var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
            File.WriteAllBytes(Path.Combine(folder, $"img_{i:D5}.jpg"), jpeg.ToArray());
        }
        return [.. Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).Take(count)];
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
