using System.Numerics.Tensors;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>The text-space step of expansion: neighbours of unknown words, the model's agreement, the fused vectors.</summary>
public sealed class TextSpaceExpansionTests
{
    // Two-dimensional "text space": angles chosen so the cosines are easy to work out.
    private static readonly Dictionary<string, float[]> Space = new()
    {
        ["pooch"] = [1f, 0f],
        ["dog"] = [0.8f, 0.6f],
        ["cat"] = [0f, 1f],
        ["purse"] = [-1f, 0f],
    };

    private static float[][] Embed(IReadOnlyList<string> texts) => [.. texts.Select(t => Space[t])];

    private static QueryEmbeddingFusion Fusion(FusionMode mode = FusionMode.MaxScore) =>
        new(Embed, new FusionOptions { Templates = PromptTemplates.Plain, Mode = mode });

    private static TextNeighbourSource Gallery => new(new TextVocabulary(["dog", "cat"], [Space["dog"], Space["cat"]]), Embed);

    private static ExpansionPlan Unknown(params ExpansionCandidate[] candidates) =>
        new("pooch", [new UnknownWord(0, 5, candidates)], []);

    [Fact]
    public void Nearest_gallery_terms_join_an_unknown_word_weighted_by_similarity()
    {
        var options = new VocabularyExpansionOptions { NeighbourCount = 2, NeighbourMinSimilarity = 0.5f, NeighbourWeight = 0.5f, QueryWeight = 0.25f };

        var (query, notes) = new TextSpaceExpansion(Fusion(), options, Gallery).Expand(Unknown());

        // cos(pooch, dog) = 0.8 passes the 0.5 threshold (weight 0.5 × 0.8); cos(pooch, cat) = 0 does not.
        Assert.Equal([("pooch", 0.25f, "query"), ("dog", 0.4f, "pooch -> dog: neighbour")], query.Terms.Select(t => (t.Text, t.Weight, t.Source)));
        Assert.Contains(notes, n => n.StartsWith("\"pooch\" is not in the gallery's vocabulary; it stands for dog (neighbour, 0.4)"));
        Assert.Contains(notes, n => n.StartsWith("expanded: pooch (0.25), dog (0.4)"));
    }

    [Fact]
    public void Without_neighbours_or_candidates_the_word_is_kept_and_the_note_says_so()
    {
        var options = new VocabularyExpansionOptions { Sources = ExpansionSources.WordNet };

        var (query, notes) = new TextSpaceExpansion(Fusion(), options, Gallery).Expand(Unknown());

        Assert.Equal([new ExpansionTerm("pooch", 1f, "query")], query.Terms);
        Assert.Contains(notes, n => n.Contains("kept as typed"));
    }

    [Fact]
    public void Agreement_weighs_a_replacement_by_the_models_cosine_to_the_query()
    {
        var options = new VocabularyExpansionOptions { NeighbourCount = 0, AgreementWeight = 2f };
        var plan = Unknown(new ExpansionCandidate("dog", 1f, "hypernym:1", 1), new ExpansionCandidate("purse", 1f, "hypernym:1", 2));

        var (query, _) = new TextSpaceExpansion(Fusion(), options, null).Expand(plan);

        // exp(2 × (0.8 − 1)) for dog, exp(2 × (−1 − 1)) for purse.
        Assert.Equal(MathF.Exp(-0.4f), query.Terms.Single(t => t.Text == "dog").Weight, 5);
        Assert.Equal(MathF.Exp(-4f), query.Terms.Single(t => t.Text == "purse").Weight, 5);
    }

    [Fact]
    public void Mean_fusion_gives_one_unit_vector_and_max_fusion_one_per_term()
    {
        var options = new VocabularyExpansionOptions { NeighbourCount = 0 };
        var plan = Unknown(new ExpansionCandidate("dog", 1f, "hypernym:1", 1));

        var (mean, _) = new TextSpaceExpansion(Fusion(FusionMode.WeightedMean), options).Expand(plan);
        var (max, _) = new TextSpaceExpansion(Fusion(FusionMode.MaxStandardized), options).Expand(plan);

        Assert.Equal(1f, TensorPrimitives.Norm(Assert.Single(mean.Vectors)), 5);
        Assert.Equal(2, max.Vectors.Count);
        Assert.Equal([options.QueryWeight, 1f], max.Weights);
    }

    [Fact]
    public void An_empty_plan_is_refused_since_there_is_nothing_to_embed()
    {
        Assert.Throws<ArgumentException>(() => new TextSpaceExpansion(Fusion(), new VocabularyExpansionOptions()).Expand(new ExpansionPlan("", [], [])));
    }
}
