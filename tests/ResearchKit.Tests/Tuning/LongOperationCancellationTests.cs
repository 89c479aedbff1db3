using System.Diagnostics;
using ResearchKit.Projection;
using ResearchKit.Search;
using ResearchKit.Tests.Search;
using ResearchKit.Tuning;
using Xunit.Abstractions;

namespace ResearchKit.Tests.Tuning;

/// <summary>
/// Long library operations honour a CancellationToken (a notebook passes CellCancellation, so a kernel interrupt stops
/// them): each is started on work that would take minutes, cancelled once running, and must throw
/// OperationCanceledException. The stop latency is written to the test output (no timing assertion).
/// </summary>
public sealed class LongOperationCancellationTests(IndexedDatasetFixture data, ITestOutputHelper output) : IClassFixture<IndexedDatasetFixture>
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    private static IReadOnlyList<TuningQuery> ManyQueries(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new TuningQuery(i % 2 == 0 ? new TextQuery("a red apple") : new ItemQuery("photo_coffee.jpg"), new Dictionary<string, double> { ["emoji_1f34e.png"] = 1 }))];

    private async Task StopsWhenCancelled(string name, Action<CancellationToken> operation)
    {
        using (var before = new CancellationTokenSource())
        {
            before.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => operation(before.Token));
        }
        using var running = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var work = Task.Run(() =>
        {
            started.SetResult();
            operation(running.Token);
        });
        await started.Task;
        await Task.Delay(300);
        Assert.False(work.IsCompleted, $"{name} finished before it could be cancelled; give it more work");
        var clock = Stopwatch.StartNew();
        running.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => work.WaitAsync(Guard));
        output.WriteLine($"{name} stopped {clock.Elapsed.TotalMilliseconds:0} ms after the cancel");
    }

    [Fact]
    public async Task Weight_search_stops()
    {
        using var engine = SearchEngine.Open(data.Dataset);
        var (train, heldOut) = (ManyQueries(200_000), ManyQueries(10));
        var grid = WeightSearch.CropGrid(new SearchOptions { Target = "siglip" }, [0.2, 0.5], [2], [5]);
        await StopsWhenCancelled("WeightSearch.Run", token => WeightSearch.Run(engine, train, heldOut, grid, cancellationToken: token));
    }

    [Fact]
    public async Task Model_comparison_stops()
    {
        using var engine = SearchEngine.Open(data.Dataset);
        var queries = ManyQueries(200_000);
        await StopsWhenCancelled("ModelComparison.Compare", token => ModelComparison.Compare(engine, ["siglip", "dinov2"], queries, cancellationToken: token));
    }

    [Fact]
    public async Task Triplet_training_stops()
    {
        var random = new Random(3);
        float[] Vector() => [.. Enumerable.Range(0, 256).Select(_ => (float)random.NextDouble())];
        var triplets = Enumerable.Range(0, 20_000).Select(i => new TripletExample(Vector(), Vector(), Vector(), i % 2 == 0 ? TripletAnswer.A : TripletAnswer.B)).ToList();
        var trainer = new TripletWeightTrainer(new TripletTrainingOptions { MaxEpochs = 100_000, Patience = 100_000 });
        await StopsWhenCancelled("TripletWeightTrainer.Train", token => trainer.Train(triplets, triplets[..200], token));
    }

    [Fact]
    public async Task Umap_stops()
    {
        var random = new Random(5);
        var values = new float[4000 * 32];
        for (var i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        var points = new VectorMatrix(values, 32);
        await StopsWhenCancelled("Umap.Fit", token => Umap.Fit(points, new UmapOptions { Epochs = 1_000_000 }, token));
    }
}
