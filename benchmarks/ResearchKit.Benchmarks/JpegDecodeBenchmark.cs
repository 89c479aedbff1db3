using System.Text.Json;
using ResearchKit.Imaging;
using ResearchKit.Imaging.Jpeg;

namespace ResearchKit.Benchmarks;

/// <summary>
/// The managed JPEG decoder alone, on one thread, at each DCT scale (1, 1/2, 1/4, 1/8): whole-decode median ms
/// into a discarding row sink and the median of its entropy (Huffman) and IDCT stages, so the entropy cost per
/// megapixel (median, and the least, which load disturbs least) can be set beside libjpeg-turbo's (Pillow's draft decode, benchmarks/jpeg_pillow.py).
/// </summary>
public static class JpegDecodeBenchmark
{
    public static int Run(string[] args)
    {
        // --scales 8,4 limits the scales (default all four).
        var at = Array.IndexOf(args, "--scales");
        var scales = at < 0 ? [1, 2, 4, 8] : args[at + 1].Split(',').Select(int.Parse).ToArray();
        foreach (var image in at < 0 ? args : args[..at].Concat(args[(at + 2)..]))
        {
            var bytes = File.ReadAllBytes(image);
            var runs = PreprocessBenchmark.Runs(bytes);
            foreach (var scale in scales)
            {
                bool Decode(PreprocessStageTimes? stages)
                {
                    var decoder = JpegDecoder.ReadHeader(bytes) ?? throw new InvalidOperationException($"{image}: not a JPEG the managed decoder takes");
                    decoder.Frame.SetScale(scale);
                    return decoder.Decode(bytes, new DiscardingSink(decoder.Frame.OutputWidth), stages: stages, scale: scale);
                }
                if (!Decode(null)) throw new InvalidOperationException($"{image}: the managed decoder fell back");
                var ms = Timing.MedianMilliseconds(() => Decode(null), warmup: 3, runs);
                var least = Enumerable.Range(0, runs).Min(_ => Timing.MedianMilliseconds(() => Decode(null), warmup: 0, runs: 1));
                var samples = Enumerable.Range(0, runs).Select(_ =>
                {
                    var times = new PreprocessStageTimes();
                    Decode(times);
                    return times;
                }).ToList();
                double Median(Func<PreprocessStageTimes, TimeSpan> stage) =>
                    Math.Round(samples.Select(s => stage(s).TotalMilliseconds).Order().ElementAt(runs / 2), 2);
                var header = JpegDecoder.ReadHeader(bytes)!.Frame;
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    impl = "researchkit",
                    image = Path.GetFileName(image),
                    megapixels = Math.Round(header.Width * (double)header.Height / 1e6, 2),
                    scale,
                    median_ms = Math.Round(ms, 2),
                    min_ms = Math.Round(least, 2),
                    entropy_ms = Median(s => s.Entropy),
                    entropy_min_ms = Math.Round(samples.Min(s => s.Entropy.TotalMilliseconds), 2),
                    idct_ms = Median(s => s.Transform),
                    idct_min_ms = Math.Round(samples.Min(s => s.Transform.TotalMilliseconds), 2),
                    color_ms = Median(s => s.Color),
                    runs,
                }));
            }
        }
        return 0;
    }

    /// <summary>Takes every row into one reused buffer.</summary>
    private sealed class DiscardingSink(int width) : IRgbaRowSink
    {
        private readonly byte[] _row = new byte[width * 4];
        public int FirstRowNeeded => 0;
        public int RowsNeeded => int.MaxValue;
        public Span<byte> Row(int y) => _row;
        public void Commit(int y) { }
    }
}
