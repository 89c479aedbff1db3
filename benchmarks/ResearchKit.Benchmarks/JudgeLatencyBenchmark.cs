using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using ResearchKit.Service.Judging;

namespace ResearchKit.Benchmarks;

/// <summary>
/// Server side of the judging page's "next triplet in under 100 ms": over a store prepared by <c>serve-prepare</c>,
/// the time of GET /api/next (one task; when the queue runs low the most-uncertain suggester refills it in the background) and of POST /api/triplets
/// (commit to SQLite plus the counter and agreement), sequentially as one judge would, through loopback HTTP.
/// </summary>
public static class JudgeLatencyBenchmark
{
    /// <summary><c>judge-prepare DIR N DIMENSION MODEL</c>: a synthetic store of N items with vectors of the given dimension.</summary>
    public static int Prepare(string[] args)
    {
        var (dir, count, dimension, model) = (args[0], int.Parse(args[1]), int.Parse(args[2]), args[3]);
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        using var loaded = Models.EmbeddingModel.Open(model);
        // Only the dimension matters to the judging server (it never runs the model), so a SigLIP-sized space is faked.
        ServeLoadBenchmark.WriteSyntheticStore(dir, count, Embeddings.SpaceIdentity.Of(loaded, "siglip") with { Dimension = dimension });
        Console.Error.WriteLine($"prepared {count} items of dimension {dimension} in {dir}");
        return 0;
    }

    /// <summary><c>judge-latency DIR ANSWERS [THINK_MS]</c>: sequential next + answer round trips after 20 warm-up ones, with a pause per task.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var (dir, answers, think) = (args[0], int.Parse(args[1]), args.Length > 2 ? int.Parse(args[2]) : 0);
        var database = Path.Combine(dir, ".researchkit", "judgments.sqlite");
        foreach (var file in new[] { database, database + "-wal", database + "-shm" }) File.Delete(file);
        var items = EmbeddingStoreCount(dir);
        await using var app = JudgeApp.Build(new JudgeOptions { Dataset = dir, Port = 0, Judge = "benchmark" }, l => l.ClearProviders());
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        client.DefaultRequestHeaders.Add(JudgeRequestGuard.TokenHeader, app.Token);
        var next = new List<double>();
        var save = new List<double>();
        var answerNames = new[] { "A", "B", "TooSimilar", "AnchorTooDifferent", "DontKnow" };
        for (var i = 0; i < answers + 20; i++)
        {
            var clock = Stopwatch.StartNew();
            using var reply = JsonDocument.Parse(await client.GetStringAsync("api/next?count=1"));
            var nextMs = clock.Elapsed.TotalMilliseconds;
            var task = reply.RootElement.GetProperty("tasks")[0];
            clock.Restart();
            (await client.PostAsJsonAsync("api/triplets", new
            {
                anchor = task.GetProperty("anchor").GetString(), a = task.GetProperty("a").GetString(), b = task.GetProperty("b").GetString(),
                answer = answerNames[i % answerNames.Length],
            })).EnsureSuccessStatusCode();
            var saveMs = clock.Elapsed.TotalMilliseconds;
            if (think > 0) await Task.Delay(think); // the judge looking at the next task
            if (i < 20) continue; // warm-up
            next.Add(nextMs);
            save.Add(saveMs);
        }
        next.Sort();
        save.Sort();
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            kind = "server", items, answers, think_ms = think,
            next_p50_ms = Math.Round(Percentile(next, 0.5), 2), next_p99_ms = Math.Round(Percentile(next, 0.99), 2), next_max_ms = Math.Round(next[^1], 2),
            answer_p50_ms = Math.Round(Percentile(save, 0.5), 2), answer_p99_ms = Math.Round(Percentile(save, 0.99), 2), answer_max_ms = Math.Round(save[^1], 2),
        }));
        return 0;
    }

    private static int EmbeddingStoreCount(string dir) =>
        Embeddings.EmbeddingStore.Open(Path.Combine(dir, ".researchkit")).ReadItems().Count;

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
