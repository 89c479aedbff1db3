using ResearchKit.Datasets;
using ResearchKit.Deployment;
using ResearchKit.Embeddings;
using ResearchKit.Models;
using ResearchKit.Search;
using ResearchKit.Tests.Cli;
using ResearchKit.Tests.Search.Expansion;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Tuning;

/// <summary>
/// Expansion tuning end to end on a small gallery with emoji-like metadata (the tiny random-weight SigLIP, so the
/// figures mean nothing; the mechanics do): the split, the gate, pass-through, and the tuning.json → search → config path.
/// </summary>
public sealed class ExpansionTunerTests : IDisposable
{
    private static readonly (string Label, string Tags)[] Emoji =
    [
        ("dog", "animal|pet|dogs"), ("wolf", "animal|wild|howl"), ("fox", "animal|sly|face"), ("cat", "animal|pet|kitten"),
        ("alarm clock", "alarm|clock|morning|wake"), ("red apple", "fruit|red|food"), ("grinning face", "cheerful|face|happy|smile|teeth"),
        ("house", "home|building"), ("automobile", "car|vehicle"), ("rocket", "space|launch"), ("bicycle", "bike|cycle|sport"),
        ("coffee", "drink|hot|beverage"), ("horse", "animal|racing|pony"), ("tooth", "dentist|white"),
    ];

    private readonly TempDirectory _dir = new();

    public ExpansionTunerTests()
    {
        Tests.Embeddings.TestDatasets.WriteGeneratedImages(_dir.Path, Emoji.Length * 3);
        File.WriteAllLines(Path.Combine(_dir.Path, "metadata.csv"),
            ["path,label,tags", .. Enumerable.Range(0, Emoji.Length * 3).Select(i => $"gen_{i:D5}.png,{Emoji[i % Emoji.Length].Label},{Emoji[i % Emoji.Length].Tags}")]);
        using var model = EmbeddingModel.Open(FixturePaths.Model("siglip-tiny"));
        new DatasetIndexer(Dataset.Open(_dir.Path)).IndexAsync(model, new IndexOptions { Space = "sig" }).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private IReadOnlyList<ExpansionQuery> Queries(Dataset data) =>
        ExpansionQueryGenerator.Generate(data.Items, ExpansionFixtures.InstalledWordNet, 40, ExpansionFixtures.InstalledEnglish.Contains);

    [Fact]
    public void Tuning_splits_by_hash_gates_on_the_dev_gain_and_reports_the_test_part()
    {
        var data = Dataset.Open(_dir.Path);
        using var engine = SearchEngine.Open(data);
        var queries = Queries(data);
        var lines = new List<string>();

        var result = new ExpansionTuner(engine, "sig", new ExpansionTuningOptions { Quick = true }).Tune(queries, new ImmediateProgress<string>(lines.Add));

        var gate = result.Settings.Gate!;
        if (gate.Open) Assert.True(gate.Gain > 0);
        if (gate.Gain <= 0) Assert.False(gate.Open);
        Assert.InRange(gate.Gain, gate.Low - 1e-9, gate.High + 1e-9);
        var judged = new ExpansionTestCollection(engine, "sig", queries).Queries;
        Assert.Equal(judged.Count(q => !q.IsTest(0.5)), gate.DevQueries);
        Assert.Equal(judged.Count(q => q.IsTest(0.5)), result.Test.Single(c => c.Set == "all").Queries);
        Assert.Equal(["spelling", "fusion", "templates", "query weight"], result.Trials.Skip(1).Select(t => t.Setting).Distinct());
        Assert.Contains(lines, l => l.Contains(gate.Note));
        var all = result.Dev.Single(c => c.Set == "all");
        Assert.Equal(gate.Open ? gate.Gain : 0, all.NdcgGain.MeanDifference, 9);
    }

    [Fact]
    public void When_expansion_cannot_gain_the_gate_closes_and_queries_pass_through_with_a_note()
    {
        var data = Dataset.Open(_dir.Path);
        using var engine = SearchEngine.Open(data);
        // Phrases of gallery words never expand, so nothing can beat the plain query on them.
        var phrases = Queries(data).Where(q => q.Kind == ExpansionQueryKind.Phrase).ToList();

        var result = new ExpansionTuner(engine, "sig", new ExpansionTuningOptions { Quick = true, Ensembles = [ResearchKit.Search.Expansion.PromptTemplates.Plain] }).Tune(phrases);

        Assert.False(result.Settings.Gate!.Open);
        var options = new SearchOptions { Target = "sig", TopK = 5 };
        var passed = engine.SearchText("canine", options with { Expansion = result.Settings });
        Assert.Equal(engine.SearchText("canine", options).Results.Select(r => (r.Id, r.Score)), passed.Results.Select(r => (r.Id, r.Score)));
        Assert.Contains(passed.Notes, n => n.StartsWith("expansion passed the query through"));
    }

    [Fact]
    public void The_command_keeps_the_settings_where_search_and_export_config_find_them()
    {
        var untuned = CliRun.Invoke("search", _dir.Path, "canine", "--space", "sig", "--expand");
        Assert.Equal(0, untuned.ExitCode);
        Assert.Contains("no tuned expansion for space 'sig'", untuned.Error);

        var report = Path.Combine(_dir.Path, "expansion.json");
        var tune = CliRun.Invoke("tune", "expansion", _dir.Path, "--space", "sig", "--quick", "--queries", "40", "--report", report, "--report-on", _dir.Path);
        Assert.True(tune.ExitCode == 0, tune.Error + tune.Out);
        Assert.Contains("test queries (not tuned on)", tune.Out);
        Assert.Contains("spell correction alone", tune.Out);
        Assert.Contains("\"gate\"", File.ReadAllText(report));

        var state = TuningState.Read(Dataset.Open(_dir.Path).StoreDirectory);
        var tuned = state.Expansion!["sig"];
        Assert.NotNull(tuned.Gate);

        var searched = CliRun.Invoke("search", _dir.Path, "canine", "--space", "sig", "--expand");
        Assert.Equal(0, searched.ExitCode);
        Assert.DoesNotContain("no tuned expansion", searched.Error);
        Assert.Contains(tuned.Gate!.Open ? "stands for" : "passed the query through", searched.Error);

        var config = Path.Combine(_dir.Path, "search.json");
        Assert.Equal(0, CliRun.Invoke("export-config", _dir.Path, "--space", "sig", "--out", config).ExitCode);
        var exported = SearchConfig.Load(config).Expansion!;
        Assert.Equal(tuned.Gate.Open, exported.Gate!.Open);
        Assert.Equal(tuned, SearchConfigMapping.ToSettings(exported) with { Templates = tuned.Templates });
    }
}
