using System.Diagnostics;

namespace ResearchKit.Benchmarks;

/// <summary>Median wall time of repeated runs after warm-up, the same method the Python side uses; and best throughput.</summary>
public static class Timing
{
    /// <summary>Items per second of the best of <paramref name="runs"/> runs of <paramref name="run"/> over <paramref name="count"/> items, after one warm-up run.</summary>
    public static double BestThroughput(Action run, int count, int runs = 3)
    {
        run(); // warm-up: session allocations, JIT (and on a GPU the CUDA context and cuDNN's algorithm search)
        var best = 0.0;
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            best = Math.Max(best, count / sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    public static double MedianMilliseconds(Action action, int warmup, int runs)
    {
        for (var i = 0; i < warmup; i++) action();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            samples[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(samples);
        return runs % 2 == 1 ? samples[runs / 2] : (samples[runs / 2 - 1] + samples[runs / 2]) / 2;
    }
}
