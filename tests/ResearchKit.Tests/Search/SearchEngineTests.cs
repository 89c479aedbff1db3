using System.Numerics.Tensors;
using ResearchKit.Embeddings;
using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

public sealed class SearchEngineTests : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly IndexedDatasetFixture _data;
    private readonly SearchEngine _engine;

    public SearchEngineTests(IndexedDatasetFixture data)
    {
        _data = data;
        _engine = SearchEngine.Open(data.Dataset);
    }

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Text_search_ranks_by_cosine_and_calibrates_with_the_models_logit_parameters()
    {
        var response = _engine.SearchText("a cup of coffee", new SearchOptions { Target = "siglip", TopK = 5 });

        var space = _engine.Space("siglip");
        var query = _engine.EmbedText("siglip", "a cup of coffee");
        var expected = space.Ids.Select((id, row) => (id, score: (double)TensorPrimitives.Dot(query, space.Vector(row))))
            .OrderByDescending(x => x.score).ThenBy(x => x.id, StringComparer.Ordinal).Take(5).ToList();
        Assert.Equal(expected.Select(e => e.id), response.Results.Select(r => r.Id));
        var logits = ResearchKit.Models.LogitParameters.TryRead(FixturePaths.Model("siglip-tiny"))!;
        Assert.All(response.Results, r => Assert.Equal(logits.Probability(r.Score), r.Calibrated!.Value, 9));
        Assert.NotNull(response.Results[0].Item);
    }

    [Fact]
    public void More_like_this_excludes_the_item_and_respects_filters()
    {
        var all = _engine.SearchSimilar("photo_coffee.jpg", new SearchOptions { Target = "dinov2", TopK = 100 });
        Assert.DoesNotContain(all.Results, r => r.Id == "photo_coffee.jpg");
        Assert.Equal(_engine.Space("dinov2").Count - 1, all.Results.Count);

        var emoji = _engine.SearchSimilar("photo_coffee.jpg", new SearchOptions { Target = "dinov2", TopK = 100, Filter = MetadataFilter.Parse(["tags=emoji"]) });
        Assert.Equal(3, emoji.Results.Count);
        Assert.All(emoji.Results, r => Assert.StartsWith("emoji_", r.Id));
    }

    [Fact]
    public void Searching_with_a_new_image_file_finds_its_stored_copy_first()
    {
        var response = _engine.SearchImage(FixturePaths.Image("photo_astronaut.jpg"), new SearchOptions { Target = "dinov2", TopK = 3 });
        Assert.Equal("photo_astronaut.jpg", response.Results[0].Id);
        Assert.Equal(1.0, response.Results[0].Score, 4);
    }

    [Fact]
    public void Int8_search_returns_the_exact_ranking_on_a_small_space()
    {
        var exact = _engine.SearchText("an emoji", new SearchOptions { Target = "siglip", TopK = 5 });
        var int8 = _engine.SearchText("an emoji", new SearchOptions { Target = "siglip", TopK = 5, Quantized = true });
        Assert.Equal(exact.Results.Select(r => r.Id), int8.Results.Select(r => r.Id));
        Assert.Equal(exact.Results.Select(r => r.Score), int8.Results.Select(r => r.Score));
    }

    [Fact]
    public void Crop_rerank_scores_are_the_blend_of_global_and_best_crop_and_crops_are_cached_in_the_store()
    {
        var options = new SearchOptions { Target = new SingleSpace("siglip") { Crops = new CropRerankOptions(RecallDepth: 6) }, TopK = 4 };
        var first = _engine.SearchText("a house", options);

        Assert.All(first.Results, r => Assert.Equal(0.7 * r.Global + 0.3 * r.Local!.Value, r.Score, 9));
        // A fresh engine on the same store finds the crops on disk and embeds nothing.
        using var again = SearchEngine.Open(_data.Dataset);
        var second = again.SearchText("a house", options);
        Assert.Equal(first.Results.Select(r => (r.Id, r.Score)), second.Results.Select(r => (r.Id, r.Score)));
        Assert.True(Directory.Exists(Path.Combine(_data.Root, ".researchkit", "spaces", "siglip", "crops", "g2-o0-c")));
    }

    [Fact]
    public void A_learned_distance_of_unit_weights_under_crops_ranks_as_crops_alone()
    {
        // Unit weights make the learned distance the cosine, so both re-rankers together must equal crops alone.
        var crops = new CropRerankOptions(RecallDepth: 6);
        var ones = Enumerable.Repeat(1f, _engine.Space("siglip").Dimension).ToArray();
        var alone = _engine.SearchText("a house", new SearchOptions { Target = new SingleSpace("siglip") { Crops = crops }, TopK = 4 });
        var both = _engine.SearchText("a house", new SearchOptions { Target = new SingleSpace("siglip") { Crops = crops, Distance = new DistanceRerank(ones) }, TopK = 4 });

        Assert.Equal(alone.Results.Select(r => r.Id), both.Results.Select(r => r.Id));
        Assert.Equal(alone.Results.Select(r => r.Score), both.Results.Select(r => r.Score), (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void A_taste_profile_lives_in_one_space_and_refuses_a_blend()
    {
        var blend = new SearchOptions { Target = new HybridBlend([new("siglip", 0.5), new("dinov2", 0.5)]) };

        var error = Assert.Throws<ArgumentException>(() => TasteProfile.Recommend(_engine, ["emoji_1f34e.png"], [], blend));
        Assert.Contains("one space", error.Message);
    }

    [Fact]
    public void Hybrid_text_search_leaves_out_a_space_without_a_text_tower_and_says_so()
    {
        var response = _engine.SearchText("coffee", new SearchOptions { Target = new HybridBlend([new("siglip", 0.6), new("dinov2", 0.4)]), TopK = 3 });

        Assert.Contains(response.Notes, n => n.Contains("dinov2") && n.Contains("no text tower"));
        Assert.Equal(3, response.Results.Count);
        Assert.All(response.Results, r => Assert.Equal(["siglip"], r.SpaceScores!.Keys));
    }

    [Fact]
    public void Hybrid_more_like_this_blends_both_spaces()
    {
        var response = _engine.SearchSimilar("emoji_1f34e.png", new SearchOptions { Target = new HybridBlend([new("siglip", 0.5), new("dinov2", 0.5)]), TopK = 4 });

        Assert.Empty(response.Notes);
        Assert.All(response.Results, r => Assert.Equal(2, r.SpaceScores!.Count));
        Assert.Null(response.Results[0].Calibrated);
    }

    [Fact]
    public void Recommendations_follow_the_likes_and_never_return_liked_or_seen_items()
    {
        var response = TasteProfile.Recommend(_engine, ["emoji_1f34e.png", "emoji_1f305.png"], ["emoji_1f3e0.png"], new SearchOptions { Target = "dinov2", TopK = 100 });

        var ids = response.Results.Select(r => r.Id).ToList();
        Assert.DoesNotContain("emoji_1f34e.png", ids);
        Assert.DoesNotContain("emoji_1f3e0.png", ids);
        Assert.Equal(_engine.Space("dinov2").Count - 3, ids.Count);
    }

    [Fact]
    public void Zero_shot_tags_are_independent_calibrated_probabilities_per_label()
    {
        var tagger = new ZeroShotTagger(_engine, "siglip", ["coffee", "astronaut", "house"]);
        var tags = tagger.Tag("photo_coffee.jpg");

        var logits = ResearchKit.Models.LogitParameters.TryRead(FixturePaths.Model("siglip-tiny"))!;
        var image = _engine.Space("siglip").Vector(_engine.Space("siglip").RowOf("photo_coffee.jpg")).ToArray();
        var coffee = TensorPrimitives.Dot(image, _engine.EmbedText("siglip", "a photo of coffee."));
        Assert.Equal(logits.Probability(coffee), tags.Single(t => t.Label == "coffee").Probability, 6);
        Assert.True(tags.Zip(tags.Skip(1)).All(p => p.First.Probability >= p.Second.Probability));
    }

    [Fact]
    public void Bad_input_gets_typed_errors_that_name_the_problem()
    {
        Assert.Contains("nope", Assert.Throws<UnknownSpaceException>(() => _engine.SearchText("x", new SearchOptions { Target = "nope" })).Message);
        Assert.Contains("'missing'", Assert.Throws<UnknownItemException>(() => _engine.SearchSimilar("missing", new SearchOptions { Target = "dinov2" })).Message);
        var several = Assert.Throws<ArgumentException>(() => _engine.SearchText("x"));
        Assert.Equal("space", several.ParamName);
        Assert.Contains("several spaces", several.Message);
        var mismatch = Assert.Throws<DimensionMismatchException>(() => _engine.Search(
            new Dictionary<string, QueryVectors> { ["dinov2"] = QueryVectors.Single(new float[3]) }, new SearchOptions { Target = "dinov2" }));
        Assert.Contains("3", mismatch.Message);
    }
}
