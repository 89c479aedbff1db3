using System.Text.Json;
using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Benchmarks;

/// <summary>
/// Draft decoding against the exact path, per fixture model and image: preprocessing time of each (one
/// thread) and the cosine between the two embeddings.
/// </summary>
public static class DraftAccuracy
{
    public static int Run(string[] args)
    {
        var modelsRoot = args[0];
        foreach (var name in new[] { "siglip-tiny", "dinov2-tiny", "eva02-clip-tiny" })
        {
            var directory = Path.Combine(modelsRoot, name);
            using var exact = EmbeddingModel.Open(directory);
            using var draft = EmbeddingModel.Open(directory, new EmbeddingModelOptions { ImageLoad = new ImageLoadOptions { Draft = true } });
            var exactPre = new ImagePreprocessor(exact.Preprocessor.Config, maxResizeThreads: 1);
            var draftPre = new ImagePreprocessor(exact.Preprocessor.Config, new ImageLoadOptions { Draft = true }, maxResizeThreads: 1);
            foreach (var image in args[1..])
            {
                var bytes = File.ReadAllBytes(image);
                var runs = PreprocessBenchmark.Runs(bytes);
                var a = exact.EmbedImage(image);
                var b = draft.EmbedImage(image);
                var cosine = a.Zip(b, (x, y) => (double)x * y).Sum();
                var decoded = ImageDecoder.Decode(bytes, image);
                var drafted = ImageDecoder.Decode(bytes, image, draftPre.LoadOptions, (w, h) => draftPre.Config.ResizedSize(w, h), out _);
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    model = name,
                    image = Path.GetFileName(image),
                    size = $"{decoded.Width}x{decoded.Height}",
                    decoded_at = $"{drafted.Width}x{drafted.Height}",
                    exact_ms = Math.Round(Timing.MedianMilliseconds(() => exactPre.Process(bytes, image), 3, runs), 2),
                    draft_ms = Math.Round(Timing.MedianMilliseconds(() => draftPre.Process(bytes, image), 3, runs), 2),
                    cosine = Math.Round(cosine, 5),
                }));
            }
        }
        return 0;
    }
}
