using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>Prompt ensembles and both fusion modes against vectors worked out by hand.</summary>
public sealed class QueryEmbeddingFusionTests
{
    private const double Tolerance = 1e-6;

    /// <summary>An embedder that looks texts up in a table and counts its calls.</summary>
    private sealed class TableEmbedder(Dictionary<string, float[]> table)
    {
        public int Calls { get; private set; }

        public float[][] Embed(IReadOnlyList<string> texts)
        {
            Calls++;
            return texts.Select(t => table[t]).ToArray();
        }
    }

    private static readonly ExpansionTerm[] QueryAndSynonym = [new("q", 1.0f, "query"), new("s", 0.5f, "synonym")];

    private static TableEmbedder TwoAxes() => new(new() { ["q"] = [2f, 0f], ["s"] = [0f, 5f] });

    [Fact]
    public void A_term_vector_is_the_normalised_mean_of_its_normalised_prompt_embeddings()
    {
        // "a x" = (3,4) → (0.6,0.8); "b x" = (1,0); mean (0.8,0.4); normalised (2,1)/√5.
        var embedder = new TableEmbedder(new() { ["a x"] = [3f, 4f], ["b x"] = [1f, 0f] });
        var fusion = new QueryEmbeddingFusion(embedder.Embed, new FusionOptions { Templates = new PromptTemplates(["a {}", "b {}"]) });

        var vector = Assert.Single(fusion.EmbedTexts(["x"]));

        VectorAssert.Close([2f / MathF.Sqrt(5f), 1f / MathF.Sqrt(5f)], vector, Tolerance, "ensemble");
        Assert.Equal(1, embedder.Calls);
    }

    [Fact]
    public void Weighted_mean_gives_one_unit_vector()
    {
        // q → (1,0) weight 1, s → (0,1) weight 0.5: (1,0.5)/1.5, normalised (2,1)/√5.
        var embedder = TwoAxes();
        var fusion = new QueryEmbeddingFusion(embedder.Embed, new FusionOptions { Templates = PromptTemplates.Plain });

        var query = fusion.Fuse(QueryAndSynonym);

        Assert.Equal(FusionMode.WeightedMean, query.Mode);
        VectorAssert.Close([2f / MathF.Sqrt(5f), 1f / MathF.Sqrt(5f)], Assert.Single(query.Vectors), Tolerance, "fused");
        Assert.Equal([1f], query.Weights);
        Assert.Equal(QueryAndSynonym, query.Terms);
        Assert.Equal(1f / MathF.Sqrt(5f), query.Score([0f, 1f]), 6);
        Assert.Equal(1, embedder.Calls);
    }

    [Fact]
    public void Max_score_takes_the_best_weighted_term_similarity()
    {
        var fusion = new QueryEmbeddingFusion(TwoAxes().Embed, new FusionOptions { Templates = PromptTemplates.Plain, Mode = FusionMode.MaxScore });

        var query = fusion.Fuse(QueryAndSynonym);

        Assert.Equal(FusionMode.MaxScore, query.Mode);
        VectorAssert.Close([1f, 0f], query.Vectors[0], Tolerance, "q");
        VectorAssert.Close([0f, 1f], query.Vectors[1], Tolerance, "s");
        Assert.Equal([1f, 0.5f], query.Weights);
        Assert.Equal(0.5f, query.Score([0f, 1f]), 6);        // max(1×0, 0.5×1)
        Assert.Equal(0.6f, query.Score([0.6f, 0.8f]), 6);    // max(1×0.6, 0.5×0.8)
        Assert.Equal(0.45f, query.FuseScores([0.2f, 0.9f]), 6);
        Assert.Equal(-0.1f, query.FuseScores([-0.5f, -0.2f]), 6);
    }

    [Fact]
    public void Nearest_vocabulary_texts_join_as_neighbour_terms()
    {
        var embedder = new TableEmbedder(new() { ["cat"] = [1f, 0f, 0f] });
        var vocabulary = new TextVocabulary(
            ["car", "kitten", "cat", "tiger"],
            [[0f, 0f, 1f], [0.9f, 0.1f, 0f], [1f, 0f, 0f], [1f, 1f, 0f]]);
        var options = new FusionOptions
        {
            Templates = PromptTemplates.Plain, Mode = FusionMode.MaxScore, Vocabulary = vocabulary,
            NeighbourCount = 2, NeighbourMinSimilarity = 0.7f, NeighbourWeight = 0.4f,
        };

        var query = new QueryEmbeddingFusion(embedder.Embed, options).Fuse([new ExpansionTerm("cat", 1f, "query")]);

        // "cat" itself is already a term; kitten (cos 0.994) and tiger (cos 0.707) pass 0.7, car (0) does not.
        Assert.Equal(
            [new ExpansionTerm("cat", 1f, "query"), new ExpansionTerm("kitten", 0.4f, "neighbour"), new ExpansionTerm("tiger", 0.4f, "neighbour")],
            query.Terms);
        VectorAssert.Close([0.9f / MathF.Sqrt(0.82f), 0.1f / MathF.Sqrt(0.82f), 0f], query.Vectors[1], Tolerance, "kitten");
        Assert.Equal([1f, 0.4f, 0.4f], query.Weights);

        var strict = new QueryEmbeddingFusion(embedder.Embed, options with { NeighbourMinSimilarity = 0.8f }).Fuse([new ExpansionTerm("cat", 1f, "query")]);
        Assert.Equal(["cat", "kitten"], strict.Terms.Select(t => t.Text));
    }

    [Fact]
    public void Vocabulary_nearest_orders_by_similarity_and_embed_vocabulary_uses_the_ensemble()
    {
        var embedder = new TableEmbedder(new() { ["a"] = [1f, 0f], ["b"] = [1f, 1f], ["c"] = [0f, 1f] });
        var fusion = new QueryEmbeddingFusion(embedder.Embed, new FusionOptions { Templates = PromptTemplates.Plain });
        var vocabulary = fusion.EmbedVocabulary(["a", "b", "c"]);

        var nearest = vocabulary.Nearest([2f, 0f], 3, -1f);

        Assert.Equal(["a", "b", "c"], nearest.Select(n => n.Text));
        Assert.Equal([1f, 1f / MathF.Sqrt(2f), 0f], nearest.Select(n => n.Similarity).ToArray(), (x, y) => Math.Abs(x - y) < 1e-6);
        Assert.Equal(2, vocabulary.Dimensions);
    }

    [Fact]
    public void Mismatched_dimensions_and_bad_embedders_are_reported()
    {
        var fusion = new QueryEmbeddingFusion(TwoAxes().Embed, new FusionOptions { Templates = PromptTemplates.Plain });
        var query = fusion.Fuse(QueryAndSynonym);
        Assert.Throws<EmbeddingDimensionException>(() => query.Score([1f, 0f, 0f]));

        var wide = new TextVocabulary(["x"], [[1f, 0f, 0f]]);
        var withVocabulary = new QueryEmbeddingFusion(TwoAxes().Embed, new FusionOptions { Templates = PromptTemplates.Plain, Vocabulary = wide });
        var e = Assert.Throws<EmbeddingDimensionException>(() => withVocabulary.Fuse(QueryAndSynonym));
        Assert.Equal((2, 3), (e.Expected, e.Actual));

        Assert.Throws<EmbeddingDimensionException>(() => new TextVocabulary(["x", "y"], [[1f, 0f], [1f, 0f, 0f]]));
        var broken = new QueryEmbeddingFusion(_ => [], new FusionOptions { Templates = PromptTemplates.Plain });
        Assert.Throws<InvalidOperationException>(() => broken.Fuse(QueryAndSynonym));
        Assert.Throws<ArgumentException>(() => fusion.Fuse([new ExpansionTerm("q", 0f, "query")]));
    }
}
