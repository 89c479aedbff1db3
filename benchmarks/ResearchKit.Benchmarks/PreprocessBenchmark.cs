using System.Text.Json;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks;

/// <summary>File to model-ready tensor (decode, convert, resize, crop, normalise) per image, on one thread and on all cores.</summary>
public static class PreprocessBenchmark
{
    public static int Run(string[] args)
    {
        var model = ModelDirectory.Open(args[0]);
        var config = EmbeddingModel.PreprocessConfigFor(model);
        // One thread is the like-for-like comparison with Pillow; all cores is what a single large image gets by default.
        foreach (var (impl, threads) in new[] { ("researchkit-1-thread", 1), ("researchkit-all-cores", -1) })
        {
            var preprocessor = new ImagePreprocessor(config, maxResizeThreads: threads);
            foreach (var image in args[1..])
            {
                var bytes = File.ReadAllBytes(image);
                var runs = bytes.Length > 1_000_000 ? 15 : 41;
                var ms = Timing.MedianMilliseconds(() => preprocessor.Process(bytes, image), warmup: 3, runs);
                Console.WriteLine(JsonSerializer.Serialize(new { impl, model = model.Name, image = Path.GetFileName(image), median_ms = Math.Round(ms, 2), runs }));
            }
        }
        return 0;
    }
}
