using ResearchKit.Embeddings;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;
using ResearchKit.Tests.Search.Expansion;

namespace ResearchKit.Tests.Search;

/// <summary>The engine's expansion glue: the shared embedding of the vocabulary under cancellation and failure.</summary>
public sealed class GalleryExpansionTests
{
    private static readonly GalleryVocabulary Vocabulary = new([["wolf"], ["puppy"], ["house"]]);

    private static float[] Vector(string text)
    {
        // A deterministic unit vector per text.
        var random = new Random(ResearchKit.Tuning.ExpansionQueryGenerator.StableHash(text));
        var v = Enumerable.Range(0, 8).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }

    private static float[][] Embed(IReadOnlyList<string> texts) => [.. texts.Select(Vector)];

    private static EmbeddingSpace Space() =>
        new(new SpaceIdentity("s", "m", "siglip", "/m", 8, "p", new Dictionary<string, string>()), ["a", "b", "c"],
            [.. new[] { "wolf", "puppy", "house" }.SelectMany(Vector)]);

    private static GalleryExpansion Expansion() =>
        new(Vocabulary, () => new WordNetDatabase(ExpansionFixtures.WordNetMini), () => throw new InvalidOperationException("no spelling here"));

    [Fact]
    public void A_cancelled_search_does_not_stop_or_poison_the_shared_vocabulary()
    {
        var expansion = Expansion();
        var settings = new QueryExpansionSettings();
        var (_, plan) = expansion.Plan("canine", settings, []);
        var vocabularyCalls = 0;
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        float[][] SlowVocabulary(IReadOnlyList<string> texts)
        {
            Interlocked.Increment(ref vocabularyCalls);
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return Embed(texts);
        }
        using var cancel = new CancellationTokenSource();

        var first = Task.Run(() => expansion.Vectors(plan, settings, Space(), Embed, SlowVocabulary, [], cancel.Token));
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => first.GetAwaiter().GetResult());
        release.Set();
        var notes = new List<string>();
        var vectors = expansion.Vectors(plan, settings, Space(), Embed, SlowVocabulary, notes);

        Assert.Equal(1, vocabularyCalls);
        Assert.True(vectors.Vectors.Count > 1);
        Assert.Contains(notes, n => n.StartsWith("\"canine\" is not in the gallery's vocabulary; it stands for wolf"));
    }

    [Fact]
    public void A_failed_vocabulary_embedding_is_tried_again_by_the_next_search()
    {
        var expansion = Expansion();
        var settings = new QueryExpansionSettings();
        var (_, plan) = expansion.Plan("canine", settings, []);
        var calls = 0;
        float[][] Flaky(IReadOnlyList<string> texts) => ++calls == 1 ? throw new IOException("model file busy") : Embed(texts);

        Assert.Throws<IOException>(() => expansion.Vectors(plan, settings, Space(), Embed, Flaky, []));
        var vectors = expansion.Vectors(plan, settings, Space(), Embed, Flaky, []);

        Assert.Equal(2, calls);
        Assert.True(vectors.Vectors.Count > 1);
    }

    [Fact]
    public void A_closed_gate_or_no_sources_plan_the_query_as_typed()
    {
        var expansion = Expansion();
        var notes = new List<string>();

        var (_, closed) = expansion.Plan("canine", new QueryExpansionSettings { Gate = new ExpansionGate(false, "ndcg@10", 5, 0, -0.1, 0.1) }, notes);
        var (_, none) = expansion.Plan("canine", new QueryExpansionSettings { Terms = new VocabularyExpansionOptions { Sources = ExpansionSources.None } }, []);

        Assert.Empty(closed.Unknown);
        Assert.Empty(none.Unknown);
        Assert.Contains(notes, n => n.StartsWith("expansion passed the query through"));
    }
}
