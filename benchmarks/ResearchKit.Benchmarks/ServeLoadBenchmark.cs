using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Deployment;
using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Models;
using ResearchKit.Search;

namespace ResearchKit.Benchmarks;

/// <summary>
/// Load test of <c>researchkit serve</c> over loopback: <c>serve-prepare</c> writes a store of N items in the
/// embedded SigLIP's space (clustered synthetic vectors; no N-image dataset exists here) plus its config,
/// <c>serve-load</c> measures text-search throughput and p50/p99 at fixed concurrency, and <c>serve-soak</c> drives
/// an open-loop rate of searches and likes for a duration, checking 5xx, lost likes and the server's memory.
/// </summary>
public static class ServeLoadBenchmark
{
    private static readonly string[] Words = ["red", "apple", "cat", "smiling", "face", "house", "car", "tree", "sun", "heart", "star", "dog", "blue", "flag", "food", "hand"];

    public static int Prepare(string[] args)
    {
        var (dir, count, model) = (args[0], int.Parse(args[1]), args[2]);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        using var loaded = EmbeddingModel.Open(model);
        var store = WriteSyntheticStore(dir, count, SpaceIdentity.Of(loaded, "siglip"));
        using var engine = new SearchEngine(store, dir);
        SearchConfigMapping.FromOptions(engine, new SearchOptions { Target = "siglip", TopK = 10 },
            new ConfigProvenance("synthetic", 0, new Dictionary<string, double>(), DateTimeOffset.UtcNow, "bench")).Save(Path.Combine(dir, "search.json"));
        Console.Error.WriteLine($"prepared {count} items of dimension {store.LoadSpace("siglip").Dimension} in {dir}");
        return 0;
    }

    /// <summary>A store of <paramref name="count"/> clustered synthetic unit vectors under <paramref name="identity"/>, items without image files.</summary>
    internal static EmbeddingStore WriteSyntheticStore(string dir, int count, SpaceIdentity identity)
    {
        var store = EmbeddingStore.Open(Path.Combine(dir, ".researchkit"), create: true);
        var random = new Random(3);
        var centres = Enumerable.Range(0, 200).Select(_ => Normal(random, identity.Dimension)).ToArray();
        var vectors = new float[count * identity.Dimension];
        var rows = new List<LogRow>(count);
        var items = new List<DatasetItem>(count);
        for (var i = 0; i < count; i++)
        {
            var v = centres[i % centres.Length].Select(c => c + 0.3f * (float)Gaussian(random)).ToArray();
            VectorNorm.Normalized(v).CopyTo(vectors, i * identity.Dimension);
            var id = $"item_{i:D6}";
            rows.Add(new LogRow(id, "synthetic"));
            items.Add(new DatasetItem(id, id + ".png", $"{Words[i % Words.Length]} {i}", [Words[i % Words.Length]], [Words[(i / 7) % Words.Length]], new Dictionary<string, string>()));
        }
        using (var log = VectorLogWriter.Open(store.SpaceDirectory("siglip"), new VectorLogWriterOptions
        {
            Width = identity.Dimension,
            Identity = JsonSerializer.Serialize(identity, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase }),
        }))
        {
            log.Append(rows, vectors);
        }
        store.WriteItems(items);
        return store;
    }

    public static async Task<int> LoadAsync(string[] args)
    {
        var (url, items, seconds) = (args[0], int.Parse(args[1]), double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture));
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        foreach (var concurrency in args[2].Split(',').Select(int.Parse))
        {
            await Run(client, concurrency, TimeSpan.FromSeconds(2), 99); // warm-up
            var (latencies, errors, elapsed) = await Run(client, concurrency, TimeSpan.FromSeconds(seconds), concurrency);
            latencies.Sort();
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                kind = "load", items, concurrency, requests = latencies.Count, errors,
                throughput_per_s = Math.Round(latencies.Count / elapsed, 1),
                p50_ms = Math.Round(Percentile(latencies, 0.50), 2),
                p99_ms = Math.Round(Percentile(latencies, 0.99), 2),
            }));
        }
        return 0;
    }

    public static async Task<int> SoakAsync(string[] args)
    {
        var (url, rate, seconds, pid) = (args[0], double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3]));
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        long likesAcknowledged = 0;
        // Distinct acknowledged (user, item) pairs: what the database must hold afterwards for no like to be lost.
        var acknowledgedPairs = new System.Collections.Concurrent.ConcurrentDictionary<string, byte>();
        var memory = new List<double>();
        var clock = Stopwatch.StartNew();
        var sampler = Task.Run(async () =>
        {
            while (clock.Elapsed.TotalSeconds < seconds) { memory.Add(RssMegabytes(pid)); await Task.Delay(5000); }
        });
        var pending = new List<Task>();
        long sent = 0;
        var random = new Random(9);
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            // Open loop: requests leave on schedule whether or not earlier ones have finished.
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                var like = sent % 10 == 0;
                var n = random.Next(1_000_000);
                pending.Add(Task.Run(async () =>
                {
                    try
                    {
                        var response = like
                            ? await client.PostAsJsonAsync("/likes", new { user = $"u{n % 50}", id = $"item_{n % 10000:D6}" })
                            : await client.PostAsJsonAsync("/search", new { query = Query(n) });
                        statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                        if (like && response.IsSuccessStatusCode)
                        {
                            Interlocked.Increment(ref likesAcknowledged);
                            acknowledgedPairs.TryAdd($"u{n % 50}|item_{n % 10000:D6}", 0);
                        }
                    }
                    catch (HttpRequestException) { statuses.AddOrUpdate(-1, 1, (_, c) => c + 1); }
                    catch (TaskCanceledException) { statuses.AddOrUpdate(-2, 1, (_, c) => c + 1); }
                }));
            }
            pending.RemoveAll(t => t.IsCompleted);
            await Task.Delay(5);
        }
        await Task.WhenAll(pending);
        await sampler;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            kind = "soak", rate_per_s = rate, seconds, sent,
            statuses = statuses.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(), p => p.Value),
            likes_acknowledged = likesAcknowledged,
            likes_distinct_acknowledged = acknowledgedPairs.Count,
            rss_mb_first = memory.FirstOrDefault(), rss_mb_last = memory.LastOrDefault(), rss_mb_max = memory.DefaultIfEmpty().Max(),
            rss_mb_samples = memory.Select(m => Math.Round(m)).ToArray(),
        }));
        return 0;
    }

    private static async Task<(List<double> Latencies, int Errors, double Seconds)> Run(HttpClient client, int concurrency, TimeSpan duration, int seed)
    {
        var latencies = new List<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed * 1000 + w);
            var mine = new List<double>();
            var failed = 0;
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                var response = await client.PostAsJsonAsync("/search", new { query = Query(random.Next(1_000_000)) });
                if (!response.IsSuccessStatusCode) failed++;
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            lock (latencies) { latencies.AddRange(mine); errors += failed; }
        })));
        return (latencies, errors, clock.Elapsed.TotalSeconds);
    }

    // Mostly distinct queries, so the text tower runs on nearly every request (the query cache rarely helps).
    private static string Query(int n) => $"{Words[n % Words.Length]} {Words[n / 16 % Words.Length]} {n % 997}";

    private static double Percentile(List<double> sorted, double q) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static double RssMegabytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
    }

    private static float[] Normal(Random random, int dim) => VectorNorm.Normalized([.. Enumerable.Range(0, dim).Select(_ => (float)Gaussian(random))]);

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
