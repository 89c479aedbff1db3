using System.Text.Json;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks;

/// <summary>
/// File to model-ready tensor (decode, convert, resize, crop, normalise) per image on one thread: the exact
/// path, the draft path, and both paths' stages (entropy decoding, IDCT, colour, horizontal and vertical
/// resampling) timed apart. Draft accuracy (embedding cosine to the exact path) is <see cref="DraftAccuracy"/>.
/// </summary>
public static class PreprocessBenchmark
{
    public static int Run(string[] args)
    {
        var modelsRoot = args[0];
        foreach (var name in new[] { "siglip-tiny", "dinov2-tiny" })
        {
            var config = EmbeddingModel.PreprocessConfigFor(ModelDirectory.Open(Path.Combine(modelsRoot, name)));
            // One thread is the like-for-like comparison with Pillow + numpy.
            var exact = new ImagePreprocessor(config, maxResizeThreads: 1);
            var draft = new ImagePreprocessor(config, new ImageLoadOptions { Draft = true }, maxResizeThreads: 1);
            foreach (var image in args[1..])
            {
                var bytes = File.ReadAllBytes(image);
                var runs = Runs(bytes);
                var exactMs = Timing.MedianMilliseconds(() => exact.Process(bytes, image), warmup: 3, runs);
                var draftMs = Timing.MedianMilliseconds(() => draft.Process(bytes, image), warmup: 3, runs);
                var stages = Stages(exact, bytes, image, runs);
                var draftStages = Stages(draft, bytes, image, runs);
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    impl = "researchkit",
                    model = name,
                    image = Path.GetFileName(image),
                    median_ms = Math.Round(exactMs, 2),
                    draft_ms = Math.Round(draftMs, 2),
                    runs,
                    stages,
                    draft_stages = draftStages,
                }));
            }
        }
        return 0;
    }

    /// <summary>More runs for small files, so each image gets a comparable share of the run.</summary>
    internal static int Runs(byte[] bytes) => bytes.Length > 1_000_000 ? 15 : bytes.Length > 200_000 ? 25 : 41;

    /// <summary>Median milliseconds per stage of the exact streaming path, or null when the file is not a JPEG it streams.</summary>
    private static Dictionary<string, double>? Stages(ImagePreprocessor preprocessor, byte[] bytes, string image, int runs)
    {
        if (preprocessor.ProcessJpegTimed(bytes, image, new PreprocessStageTimes()) is null) return null;
        var samples = new List<PreprocessStageTimes>();
        for (var i = 0; i < runs; i++)
        {
            var times = new PreprocessStageTimes();
            preprocessor.ProcessJpegTimed(bytes, image, times);
            samples.Add(times);
        }
        double Median(Func<PreprocessStageTimes, TimeSpan> stage)
        {
            var values = samples.Select(s => stage(s).TotalMilliseconds).Order().ToArray();
            return Math.Round(values[values.Length / 2], 2);
        }
        return new Dictionary<string, double>
        {
            ["entropy"] = Median(s => s.Entropy),
            ["idct"] = Median(s => s.Transform),
            ["color"] = Median(s => s.Color),
            ["horizontal"] = Median(s => s.Horizontal),
            ["vertical_tensor"] = Median(s => s.Vertical),
        };
    }
}
