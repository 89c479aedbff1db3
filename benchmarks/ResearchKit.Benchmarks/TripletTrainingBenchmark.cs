using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using ResearchKit.Tuning;

namespace ResearchKit.Benchmarks;

/// <summary>
/// ResearchKit's side of the triplet-training benchmark: trains on the files benchmarks/triplets_torch.py wrote
/// (the same data the PyTorch side reads) and prints held-out accuracy and wall time as one JSON line.
/// </summary>
public static class TripletTrainingBenchmark
{
    private const int Dimension = 768;

    public static int Run(string[] args)
    {
        var dir = args[0];
        var train = Load(dir, "train");
        var heldOut = Load(dir, "heldout");
        var trainer = new TripletWeightTrainer();
        trainer.Train(train[..500], heldOut[..200]); // warm-up: JIT
        var clock = Stopwatch.StartNew();
        var result = trainer.Train(train, heldOut);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            impl = "researchkit",
            heldout_accuracy = Math.Round(result.HeldOutAccuracy, 4),
            baseline_accuracy = Math.Round(result.BaselineAccuracy, 4),
            best_epoch = result.BestEpoch,
            epochs_run = result.Curve.Count - 1,
            seconds = Math.Round(seconds, 2),
        }));
        return 0;
    }

    private static List<TripletExample> Load(string dir, string name)
    {
        float[][] Rows(string part)
        {
            var flat = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(dir, $"{name}_{part}.f32"))).ToArray();
            return [.. Enumerable.Range(0, flat.Length / Dimension).Select(r => flat.AsSpan(r * Dimension, Dimension).ToArray())];
        }
        var (anchors, a, b) = (Rows("anchor"), Rows("a"), Rows("b"));
        var answers = File.ReadAllBytes(Path.Combine(dir, $"{name}_answer.u8"));
        return [.. answers.Select((x, i) => new TripletExample(anchors[i], a[i], b[i], x switch { 0 => TripletAnswer.A, 1 => TripletAnswer.B, _ => TripletAnswer.TooSimilar }))];
    }
}
