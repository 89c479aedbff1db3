using System.Diagnostics;

namespace ResearchKit.Benchmarks;

/// <summary>Median wall time of repeated runs after warm-up, the same method the Python side uses.</summary>
public static class Timing
{
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
