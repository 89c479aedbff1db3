using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Text;

namespace ResearchKit.Benchmarks;

/// <summary>
/// Loading and encoding tokenizer.json files (the 33 MB Gemma 3 file in particular), one JSON line per file:
/// the first load in a fresh process (JIT included), the median of later loads, bytes allocated by one load, the
/// managed heap the loaded tokenizer keeps, the process's peak working set, and texts/s encoding a string set.
/// </summary>
public static class TokenizerLoadBenchmark
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: tokenizer STRINGS_JSON TOKENIZER_JSON...");
            return 2;
        }
        var strings = JsonSerializer.Deserialize<string[]>(File.ReadAllText(args[0]))!;
        foreach (var path in args[1..])
        {
            var clock = Stopwatch.StartNew();
            var first = TokenizerJson.Load(path);
            var firstMs = clock.Elapsed.TotalMilliseconds;
            first = null;
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var before = GC.GetTotalMemory(forceFullCollection: true);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var kept = TokenizerJson.Load(path);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var retained = GC.GetTotalMemory(forceFullCollection: true) - before;
            var loadMs = Timing.MedianMilliseconds(() => TokenizerJson.Load(path), warmup: 0, runs: 3);

            // Encoding: every string once to warm the caches, then the median of full passes.
            foreach (var s in strings) kept.Encode(s);
            var passMs = Timing.MedianMilliseconds(() => { foreach (var s in strings) kept.Encode(s); }, warmup: 1, runs: 5);
            GC.KeepAlive(kept);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                impl = "ResearchKit",
                file = Path.GetFileName(Path.GetDirectoryName(path)) + "/" + Path.GetFileName(path),
                mb = Math.Round(new FileInfo(path).Length / 1e6, 1),
                model = kept.Model.ToString(),
                first_load_ms = Math.Round(firstMs),
                load_ms = Math.Round(loadMs),
                allocated_mb = Math.Round(allocated / 1e6, 1),
                retained_mb = Math.Round(retained / 1e6, 1),
                peak_working_set_mb = Math.Round(Process.GetCurrentProcess().PeakWorkingSet64 / 1e6),
                texts_per_s = Math.Round(strings.Length / (passMs / 1000)),
            }));
        }
        return 0;
    }
}
