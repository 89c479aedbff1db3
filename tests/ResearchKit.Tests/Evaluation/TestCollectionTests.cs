using System.Text.Json;
using ResearchKit.Evaluation;
using ResearchKit.Models;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Evaluation;

/// <summary>Recall@k on a synthetic benchmark whose answers are known, through the library and the eval command.</summary>
public sealed class TestCollectionTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _siglip = FixturePaths.Model("siglip-tiny");

    public TestCollectionTests()
    {
        using var model = EmbeddingModel.Open(_siglip);
        SyntheticTestCollection.Write(_dir.Path, model);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Exact_copies_are_found_first_and_text_recall_follows_the_brute_force_ranking()
    {
        using var model = EmbeddingModel.Open(_siglip);
        var result = await TestCollection.Open(_dir.Path).EvaluateAsync(model, k: 1);

        Assert.Equal(["image_copies", "text_best_worst"], result.Sets.Select(s => s.Name));
        var images = result.Sets[0];
        Assert.Equal((3, 1.0, 1.0), (images.Queries, images.RecallAtK, images.HitRateAtK));
        // Each text appears twice: once with its best item relevant (found at rank 1), once with its worst (never at rank 1);
        // a stopword-only query is rejected by the engine and left out of the mean.
        var texts = result.Sets[1];
        Assert.Equal((4, 1), (texts.Queries, texts.Rejected));
        Assert.Equal(0.5, texts.RecallAtK, 9);
        Assert.Equal("siglip-tiny", result.Model);
    }

    [Fact]
    public async Task Recall_at_the_gallery_size_is_one_and_an_image_only_model_skips_text_sets()
    {
        using var model = EmbeddingModel.Open(FixturePaths.Model("dinov2-tiny"));
        var result = await TestCollection.Open(_dir.Path).EvaluateAsync(model, k: 12);

        Assert.Equal(1.0, result.Sets.Single(s => s.Name == "image_copies").RecallAtK);
        Assert.Contains("no text tower", result.Sets.Single(s => s.Name == "text_best_worst").Skipped);
    }

    [Fact]
    public void Eval_command_prints_json_scores()
    {
        var run = CliRun.Invoke("eval", _dir.Path, "--model", _siglip, "--k", "1", "--set", "image_copies", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Out);
        var set = doc.RootElement.GetProperty("sets").EnumerateArray().Single();
        Assert.Equal("image_copies", set.GetProperty("name").GetString());
        Assert.Equal(1.0, set.GetProperty("recall_at_k").GetDouble());
        // The collection's root keeps the field name evaluation files have always had (models/emoji/*/eval.json).
        Assert.Equal(Path.GetFullPath(_dir.Path), doc.RootElement.GetProperty("benchmark").GetString());
    }

    [Fact]
    public async Task Breakdown_splits_recall_by_the_gallery_field_of_the_relevant_items()
    {
        // Gallery items 0-5 are half "a", 6-11 half "b"; each copy's relevant pair has one item of each half,
        // and at k=1 only the exact original is found: copies 0 and 5 find their "a" item, copy 9 its "b" item.
        var gallery = Path.Combine(_dir.Path, "gallery");
        File.WriteAllLines(Path.Combine(gallery, "metadata.csv"),
            ["path,half", .. Enumerable.Range(0, 12).Select(i => $"gen_{i:D5}.png,{(i < 6 ? "a" : "b")}")]);
        File.WriteAllLines(Path.Combine(_dir.Path, "queries", "image_pairs.jsonl"), new[] { (0, 6), (5, 11), (9, 3) }.Select(p =>
            JsonSerializer.Serialize(new { gallery = "gallery", image = $"copy_{p.Item1:D5}.png", image_split = "probe", relevant = new[] { $"gen_{p.Item1:D5}.png", $"gen_{p.Item2:D5}.png" } })));
        using var model = EmbeddingModel.Open(_siglip);

        var result = await TestCollection.Open(_dir.Path).EvaluateAsync(model, k: 1, sets: ["image_pairs"], by: "half");

        var set = Assert.Single(result.Sets);
        Assert.Equal(0.5, set.RecallAtK, 9);
        Assert.Equal("half", result.By);
        Assert.Equal(["a", "b"], set.Breakdown!.Select(g => g.Value));
        Assert.Equal((3, 2 / 3.0), (set.Breakdown![0].Queries, set.Breakdown[0].RecallAtK));
        Assert.Equal((3, 1 / 3.0), (set.Breakdown![1].Queries, set.Breakdown[1].RecallAtK));

        var run = CliRun.Invoke("eval", _dir.Path, "--model", _siglip, "--k", "1", "--set", "image_pairs", "--by", "half");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("half=a", run.Out);
        Assert.Contains("recall@1 0.333", run.Out);

        var misspelt = await Assert.ThrowsAsync<TestCollectionException>(() => TestCollection.Open(_dir.Path).EvaluateAsync(model, k: 1, sets: ["image_pairs"], by: "halves"));
        Assert.Contains("'halves'", misspelt.Message);
        Assert.Contains("half", misspelt.Message.Split("pass one of:")[1]);
        Assert.Null((await TestCollection.Open(_dir.Path).EvaluateAsync(model, k: 1, sets: ["image_pairs"])).Sets[0].Breakdown);
    }

    [Fact]
    public void Bad_inputs_raise_errors_that_name_the_file_and_the_fix()
    {
        var missing = Assert.Throws<TestCollectionException>(() => TestCollection.Open(Path.Combine(_dir.Path, "gallery")));
        Assert.Contains("not a test collection root", missing.Message);

        var bad = Path.Combine(_dir.Path, "bad.jsonl");
        File.WriteAllLines(bad, ["{\"gallery\":\"gallery\",\"text\":\"x\",\"relevant\":[\"a\"]}", "{\"gallery\":\"gallery\",\"relevant\":[\"a\"]}"]);
        var error = Assert.Throws<TestCollectionException>(() => TestQueryFile.Read(bad));
        Assert.Contains("line 2", error.Message);
        Assert.Contains(bad, error.Message);

        var run = CliRun.Invoke("eval", _dir.Path, "--model", _siglip, "--set", "nope");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no query set 'nope'", run.Error);
    }
}
