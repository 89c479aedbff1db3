using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text.Json;
using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Benchmarks;

/// <summary>
/// What the store's checksums cost: loading a space of ROWS x DIM float32 vectors with XxHash3 verified in the same
/// pass (what every load does), against reading the same bytes without any check, and against SHA-256 over them
/// (the slower hash the store could have used). Prints one JSON line per size.
/// </summary>
public static class StoreLoadBenchmark
{
    public static int Run(string[] args)
    {
        var dimension = args.Length > 1 ? int.Parse(args[1]) : 768;
        foreach (var rows in (args.Length > 0 ? args[0] : "20000,100000").Split(',').Select(int.Parse))
        {
            var dir = Path.Combine(Path.GetTempPath(), $"researchkit-store-bench-{Guid.NewGuid():N}");
            try
            {
                var random = new Random(1);
                var vectors = new float[(long)rows * dimension];
                for (var i = 0; i < vectors.Length; i++) vectors[i] = (float)(random.NextDouble() - 0.5);
                using (var writer = VectorLogWriter.Open(dir, new VectorLogWriterOptions { Width = dimension, Identity = "{}" }))
                    writer.Append([.. Enumerable.Range(0, rows).Select(i => new LogRow($"item_{i:D7}", "s"))], vectors);
                var chunk = Directory.GetFiles(Path.Combine(dir, "parts", "main"), "*.f32").Single();
                var bytes = new FileInfo(chunk).Length;
                var log = VectorLog.TryOpen(dir)!;
                var buffer = new byte[1 << 20];
                // Interleaved: on a shared machine the load drifts, so each round times every method once and medians compare like with like.
                var methods = new (string Name, Action Run)[]
                {
                    ("load", () => log.Load()),
                    ("rows", () => log.ReadStamps()),
                    ("read", () => ReadAll(chunk, buffer, null)),
                    ("xxhash3", () => ReadAll(chunk, buffer, new XxHash3())),
                    ("sha256", () => { using var s = File.OpenRead(chunk); SHA256.HashData(s); }),
                };
                var samples = methods.ToDictionary(m => m.Name, _ => new List<double>());
                for (var round = 0; round < 10; round++)
                    foreach (var (name, run) in methods)
                    {
                        var clock = System.Diagnostics.Stopwatch.StartNew();
                        run();
                        if (round > 0) samples[name].Add(clock.Elapsed.TotalMilliseconds);  // round 0 warms up
                    }
                double Median(string name) { var x = samples[name].Order().ToArray(); return (x[(x.Length - 1) / 2] + x[x.Length / 2]) / 2; }
                var (verified, rowsOnly, raw, xx, sha) = (Median("load"), Median("rows"), Median("read"), Median("xxhash3"), Median("sha256"));
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    rows, dimension, megabytes = bytes / 1e6,
                    load_verified_ms = verified, rows_only_ms = rowsOnly, read_only_ms = raw, read_xxhash3_ms = xx, read_sha256_ms = sha,
                    xxhash3_gb_per_s = bytes / 1e6 / Math.Max(1e-9, xx),
                    sha256_gb_per_s = bytes / 1e6 / Math.Max(1e-9, sha),
                }));
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        return 0;
    }

    private static void ReadAll(string path, byte[] buffer, XxHash3? hash)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        int read;
        while ((read = stream.Read(buffer)) > 0) hash?.Append(buffer.AsSpan(0, read));
    }
}
