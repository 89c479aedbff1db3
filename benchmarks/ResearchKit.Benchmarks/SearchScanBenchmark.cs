using System.Numerics.Tensors;
using System.Text.Json;
using ResearchKit.Search;

namespace ResearchKit.Benchmarks;

/// <summary>
/// Top-10 over N x 768 synthetic unit vectors (1,000 clusters, embedding-shaped): this machine's read bandwidth
/// (a parallel sum over the same matrix), the exact scan for one query and for a batch of 64, and the int8 scan with
/// its recall@10 against exact over 100 queries. One JSON line.
/// </summary>
public static class SearchScanBenchmark
{
    private const int Dimension = 768;

    public static int Run(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        var (matrix, queries) = Make(rows, seed: 3);
        var gigabytes = matrix.SizeInBytes / 1e9;

        var bandwidthMs = Timing.MedianMilliseconds(() => ParallelSum(matrix), warmup: 2, runs: 7);
        var exact = new ExactScanner(matrix);
        var exactMs = Timing.MedianMilliseconds(() => exact.Search(queries[0], 10), warmup: 2, runs: 11);
        var batch = queries.Take(64).ToArray();
        var batchMs = Timing.MedianMilliseconds(() => exact.SearchBatch(batch, 10), warmup: 1, runs: 5);
        var int8 = new Int8Scanner(matrix);
        var int8Ms = Timing.MedianMilliseconds(() => int8.Search(queries[0], 10), warmup: 2, runs: 11);
        var int8BatchMs = Timing.MedianMilliseconds(() => int8.SearchBatch(batch, 10), warmup: 1, runs: 5);

        var truth = exact.SearchBatch(queries, 10);
        var approximate = int8.SearchBatch(queries, 10);
        var recall = truth.Zip(approximate).Average(p => p.First.Select(r => r.Row).Intersect(p.Second.Select(r => r.Row)).Count() / 10.0);

        Console.WriteLine(JsonSerializer.Serialize(new
        {
            rows,
            dimension = Dimension,
            matrix_gb = Math.Round(gigabytes, 3),
            threads = Environment.ProcessorCount,
            read_bandwidth_gb_s = Math.Round(gigabytes / (bandwidthMs / 1000), 1),
            exact_one_query_ms = Math.Round(exactMs, 1),
            exact_one_query_gb_s = Math.Round(gigabytes / (exactMs / 1000), 1),
            exact_share_of_bandwidth = Math.Round(bandwidthMs / exactMs, 2),
            exact_batch64_ms_per_query = Math.Round(batchMs / 64, 2),
            int8_one_query_ms = Math.Round(int8Ms, 1),
            int8_speedup = Math.Round(exactMs / int8Ms, 2),
            int8_batch64_ms_per_query = Math.Round(int8BatchMs / 64, 2),
            int8_recall_at_10 = Math.Round(recall, 4),
        }));
        return 0;
    }

    // Reads every float once on all cores: the ceiling a memory-bound scan can reach.
    private static float ParallelSum(VectorMatrix matrix)
    {
        var chunks = Environment.ProcessorCount * 4;
        var perChunk = (matrix.Rows + chunks - 1) / chunks;
        var sums = new float[chunks];
        Parallel.For(0, chunks, c =>
        {
            var start = c * perChunk;
            var count = Math.Min(perChunk, matrix.Rows - start);
            if (count > 0) sums[c] = TensorPrimitives.Sum(MemoryRows(matrix, start, count));
        });
        return sums.Sum();
    }

    private static ReadOnlySpan<float> MemoryRows(VectorMatrix matrix, int start, int count) =>
        System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(matrix.Row(start)), count * matrix.Dimension);

    private static (VectorMatrix Matrix, float[][] Queries) Make(int rows, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, 1000).Select(_ => Unit(Enumerable.Range(0, Dimension).Select(_ => (float)random.NextDouble() - 0.5f).ToArray())).ToArray();
        var values = new float[(long)rows * Dimension];
        // Per-block seeds keep generation parallel and repeatable.
        Parallel.For(0, (rows + 4095) / 4096, block =>
        {
            var local = new Random(seed * 7919 + block);
            var row = new float[Dimension];
            for (var r = block * 4096; r < Math.Min(rows, (block + 1) * 4096); r++)
            {
                var centre = centres[local.Next(centres.Length)];
                for (var j = 0; j < Dimension; j++) row[j] = centre[j] + 0.06f * ((float)local.NextDouble() - 0.5f);
                TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), values.AsSpan(r * Dimension, Dimension));
            }
        });
        var queries = Enumerable.Range(0, 100).Select(_ =>
        {
            var centre = centres[random.Next(centres.Length)];
            return Unit(centre.Select(c => c + 0.06f * ((float)random.NextDouble() - 0.5f)).ToArray());
        }).ToArray();
        return (new VectorMatrix(values, Dimension), queries);
    }

    private static float[] Unit(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        return v.Select(x => x / norm).ToArray();
    }
}
