using System.Text.Json;
using ResearchKit.Deployment;
using ResearchKit.Search;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Deployment;

public sealed class SearchConfigTests : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly IndexedDatasetFixture _data;
    private readonly TempDirectory _dir = new();
    private readonly SearchEngine _engine;

    public SearchConfigTests(IndexedDatasetFixture data)
    {
        _data = data;
        _engine = SearchEngine.Open(data.Dataset);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _dir.Dispose();
    }

    private static ConfigProvenance Provenance => new("fixture", 12, new Dictionary<string, double> { ["ndcg@10"] = 0.5 }, DateTimeOffset.UnixEpoch, "0.1.0");

    [Fact]
    public void A_saved_config_loaded_by_a_read_only_service_engine_reproduces_the_notebook_ranking()
    {
        var weights = Enumerable.Range(0, _engine.Space("siglip").Dimension).Select(i => 0.5f + i % 3).ToArray();
        var tuned = new SearchOptions
        {
            Target = new SingleSpace("siglip") { Distance = new DistanceRerank(weights) { RecallDepth = 8 } }, TopK = 5, Calibration = new ScoreCalibration(20, -6),
        };
        var notebook = _engine.SearchSimilar("photo_coffee.jpg", tuned);
        var path = Path.Combine(_dir.Path, "search.json");
        SearchConfigMapping.FromOptions(_engine, tuned, Provenance).Save(path, weights);

        var loaded = SearchConfig.Load(path);
        using var service = SearchEngine.Open(_data.Dataset, new SearchEngineOptions { ReadOnly = true });
        SearchConfigMapping.VerifyModels(loaded, service, path);
        var served = service.SearchSimilar("photo_coffee.jpg", SearchConfigMapping.ToOptions(loaded));

        Assert.Equal(notebook.Results.Select(r => (r.Id, r.Score, r.Calibrated)), served.Results.Select(r => (r.Id, r.Score, r.Calibrated)));
        Assert.Equal(weights, loaded.Weights);
        Assert.NotNull(loaded.TripletWeights!.Base64);
    }

    [Fact]
    public void Crops_hybrid_and_expansion_settings_survive_the_round_trip()
    {
        var tuned = new SearchOptions
        {
            Target = new HybridBlend([new SpaceWeight("siglip", 0.7), new SpaceWeight("dinov2", 0.3)]) { Normalization = ScoreNormalization.Rank }, TopK = 4,
            Expansion = new QueryExpansionSettings
            {
                Mode = ResearchKit.Search.Expansion.FusionMode.MaxScore, Templates = ["an emoji of {}"], SpellCorrect = true,
                Terms = new ResearchKit.Search.Expansion.VocabularyExpansionOptions { QueryWeight = 0.25f, HyponymWeight = 1f, EntriesPerTerm = 2, NonNounWeight = 0.4f },
                Gate = new ExpansionGate(true, "ndcg@10", 300, 0.21, 0.18, 0.24),
            },
        };
        var path = Path.Combine(_dir.Path, "hybrid.json");
        SearchConfigMapping.FromOptions(_engine, tuned, Provenance).Save(path);
        var back = SearchConfigMapping.ToOptions(SearchConfig.Load(path));

        Assert.Equal(tuned.Target, back.Target);
        Assert.Equal(ScoreNormalization.Rank, Assert.IsType<HybridBlend>(back.Target).Normalization);
        Assert.Equal(tuned.Expansion.Mode, back.Expansion!.Mode);
        Assert.Equal(tuned.Expansion.Templates, back.Expansion.Templates);
        Assert.Equal(tuned.Expansion.Terms, back.Expansion.Terms);
        Assert.Equal(tuned.Expansion.Gate, back.Expansion.Gate);
        Assert.True(back.Expansion.SpellCorrect);
        Assert.Equal(_engine.SearchSimilar("emoji_1f34e.png", tuned).Results.Select(r => r.Id), _engine.SearchSimilar("emoji_1f34e.png", back).Results.Select(r => r.Id));

        var crops = new SearchOptions { Target = new SingleSpace("siglip") { Crops = new CropRerankOptions(12, new CropLayout(3, 0.25, false), 0.6, 0.4) } };
        SearchConfigMapping.FromOptions(_engine, crops, Provenance).Save(path);
        Assert.Equal(crops.Target, SearchConfigMapping.ToOptions(SearchConfig.Load(path)).Target);
    }

    [Fact]
    public void A_config_blending_spaces_with_crops_is_refused_at_load_and_one_with_weights_loads_as_a_blend()
    {
        var blend = new SearchOptions { Target = new HybridBlend([new SpaceWeight("siglip", 0.7), new SpaceWeight("dinov2", 0.3)]) };
        var path = Path.Combine(_dir.Path, "blend.json");
        var config = SearchConfigMapping.FromOptions(_engine, blend, Provenance);
        var weights = Enumerable.Repeat(1f, _engine.Space("siglip").Dimension).ToArray();
        config.Save(path, weights, "siglip");

        // Weights beside a blend were never applied; such a shipped config still loads, as the blend it is.
        Assert.Equal(blend.Target, SearchConfigMapping.ToOptions(SearchConfig.Load(path)).Target);

        // Crops beside a blend failed every search; now the file is refused when it is read (or written).
        var withCrops = config with { Crops = new ConfigCrops(2, 0, true, 5, 0.7, 0.3) };
        File.WriteAllText(path, JsonSerializer.Serialize(withCrops, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        Assert.Contains("crop re-ranking works within one space", Assert.Throws<SearchConfigException>(() => SearchConfig.Load(path)).Message);
        Assert.Throws<SearchConfigException>(() => withCrops.Save(path));

        // A value the options refuse (a crop grid over 8) is refused at load too, naming the field.
        var single = SearchConfigMapping.FromOptions(_engine, new SearchOptions { Target = "siglip" }, Provenance) with { Crops = new ConfigCrops(9, 0, true, 82, 0.7, 0.3) };
        Assert.Contains("Grid", Assert.Throws<SearchConfigException>(() => single.Save(path)).Message);
    }

    [Fact]
    public void Long_weights_go_to_a_sidecar_whose_loss_or_change_is_a_clear_error()
    {
        var config = SearchConfigMapping.FromOptions(_engine, new SearchOptions { Target = "siglip" }, Provenance);
        var path = Path.Combine(_dir.Path, "big.json");
        var weights = new float[SearchConfig.InlineWeightLimit + 1];
        config.Save(path, weights, "siglip");
        var sidecar = Path.Combine(_dir.Path, "big.weights.f32");
        Assert.True(File.Exists(sidecar));
        Assert.Equal(weights, SearchConfig.Load(path).Weights);

        File.WriteAllBytes(sidecar, new byte[weights.Length * 4 - 4].Append((byte)1).ToArray().Concat(new byte[3]).ToArray());
        Assert.Contains("sha256", Assert.Throws<SearchConfigException>(() => SearchConfig.Load(path)).Message);
        File.Delete(sidecar);
        Assert.Contains("missing", Assert.Throws<SearchConfigException>(() => SearchConfig.Load(path)).Message);
    }

    [Fact]
    public void A_newer_major_version_is_refused_and_a_newer_minor_is_read()
    {
        var path = Path.Combine(_dir.Path, "v.json");
        SearchConfigMapping.FromOptions(_engine, new SearchOptions { Target = "dinov2" }, Provenance).Save(path);
        var text = File.ReadAllText(path);

        var current = $"\"schemaVersion\": \"{SearchConfig.CurrentVersion}\"";
        File.WriteAllText(path, text.Replace(current, "\"schemaVersion\": \"1.7\"").Replace("\"topK\"", "\"futureField\": 1, \"topK\""));
        Assert.Equal("1.7", SearchConfig.Load(path).SchemaVersion);

        File.WriteAllText(path, text.Replace(current, "\"schemaVersion\": \"2.0\""));
        Assert.Contains("upgrade ResearchKit", Assert.Throws<SearchConfigException>(() => SearchConfig.Load(path)).Message);
    }

    [Fact]
    public void A_1_0_config_with_the_old_expansion_fields_still_loads()
    {
        var path = Path.Combine(_dir.Path, "old.json");
        SearchConfigMapping.FromOptions(_engine, new SearchOptions { Target = "siglip" }, Provenance).Save(path);
        var text = File.ReadAllText(path).Replace($"\"schemaVersion\": \"{SearchConfig.CurrentVersion}\"", "\"schemaVersion\": \"1.0\"")
            .Replace("\"topK\"", "\"expansion\": { \"relations\": \"None\", \"hypernymDepth\": 1, \"depthDecay\": 0.5, \"maxTerms\": 12, \"templates\": [\"{}\"], \"fusion\": \"max\", \"spellCorrect\": true }, \"topK\"");
        File.WriteAllText(path, text);

        var expansion = SearchConfigMapping.ToOptions(SearchConfig.Load(path)).Expansion!;

        Assert.Equal(ResearchKit.Search.Expansion.ExpansionSources.None, expansion.Terms.Sources);
        Assert.Equal(ResearchKit.Search.Expansion.FusionMode.MaxScore, expansion.Mode);
        Assert.Equal(1, expansion.Terms.HypernymDepth);
        Assert.True(expansion.SpellCorrect);
        Assert.Null(expansion.Gate);

        File.WriteAllText(path, text.Replace("\"fusion\": \"max\"", "\"fusion\": \"softmax\""));
        Assert.Contains("fusion 'softmax'", Assert.Throws<SearchConfigException>(() => SearchConfig.Load(path)).Message);
    }

    [Fact]
    public void A_store_built_with_other_model_files_fails_the_hash_check()
    {
        var config = SearchConfigMapping.FromOptions(_engine, new SearchOptions { Target = "dinov2" }, Provenance);
        var altered = config with { Spaces = [config.Spaces[0] with { Files = new Dictionary<string, string> { ["model.onnx"] = new string('0', 64) } }] };

        var error = Assert.Throws<SearchConfigException>(() => SearchConfigMapping.VerifyModels(altered, _engine, "x.json"));
        Assert.Contains("model.onnx", error.Message);
    }

    [Fact]
    public void The_json_schema_describes_every_field_the_writer_emits()
    {
        var path = Path.Combine(_dir.Path, "full.json");
        var options = new SearchOptions
        {
            Target = new SingleSpace("siglip") { Crops = new CropRerankOptions() }, Calibration = new ScoreCalibration(1, 0),
            Expansion = new QueryExpansionSettings { Gate = new ExpansionGate(false, "ndcg@10", 10, -0.1, -0.2, 0.0) },
        };
        SearchConfigMapping.FromOptions(_engine, options, Provenance with { Notes = "n" }).Save(path, [1f, 2f], "siglip");
        using var written = JsonDocument.Parse(File.ReadAllText(path));
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(FixturePaths.Reference, "..", "..", "..", "schemas", "search-config.schema.json")));

        var properties = schema.RootElement.GetProperty("properties");
        foreach (var field in written.RootElement.EnumerateObject())
        {
            Assert.True(properties.TryGetProperty(field.Name, out var described), $"schema lacks top-level field '{field.Name}'");
            if (field.Value.ValueKind != JsonValueKind.Object || !described.TryGetProperty("properties", out var inner)) continue;
            foreach (var sub in field.Value.EnumerateObject())
                Assert.True(inner.TryGetProperty(sub.Name, out _), $"schema lacks '{field.Name}.{sub.Name}'");
        }
        foreach (var required in schema.RootElement.GetProperty("required").EnumerateArray())
            Assert.True(written.RootElement.TryGetProperty(required.GetString()!, out _));
    }
}
