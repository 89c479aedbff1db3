using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ResearchKit.Deployment;
using ResearchKit.Embeddings;
using ResearchKit.IO;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;
using ResearchKit.Tuning;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit tune expansion DATASET --space S</c>: generates expansion queries from DATASET's own metadata, fits
/// the expansion settings on the dev part, reports the test part, gates, and keeps the settings (gate included) in the
/// store's tuning.json, where <c>search --expand</c>, <c>export-config</c> and so <c>serve</c> pick them up.
/// </summary>
public static class TuneExpansionCommand
{
    private static readonly JsonSerializerOptions ReportJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    /// <summary>Builds the subcommand.</summary>
    public static Command Create(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var space = new Option<string>("--space", "-s") { Description = "Space to tune (it needs a text tower).", Required = true };
        var perKind = new Option<int>("--queries") { Description = "Most generated queries of each kind (synonym, hypernym, phrase, misspelling).", DefaultValueFactory = _ => 300 };
        var k = new Option<int>("--k") { Description = "Cut-off of hit@k, recall@k and nDCG@k.", DefaultValueFactory = _ => 10 };
        var quick = new Option<bool>("--quick") { Description = "Search only the fusion, the query's weight and the prompt ensemble." };
        var reportOn = new Option<string?>("--report-on") { Description = "Also measure the tuned settings on this gallery (e.g. a held-out split indexed into the same space); never tuned on." };
        var report = new Option<string?>("--report") { Description = "Write every figure (dev, test, spelling, --report-on) to this JSON file." };
        var command = new Command("expansion", "Fit query expansion on queries generated from the dataset's metadata (dev part), report the test part with bootstrap intervals, and gate it.");
        dataset.AddTo(command);
        foreach (var option in new Option[] { space, perKind, k, quick, reportOn, report }) command.Options.Add(option);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, () =>
        {
            var data = dataset.Open(parse);
            var name = parse.GetValue(space)!;
            var engineOptions = new SearchEngineOptions { QueryCacheCapacity = 200_000 };
            using var engine = SearchEngine.Open(data, engineOptions);
            if (!engine.Spaces.Contains(name)) throw new ArgumentException($"the store has no space '{name}' (it has {string.Join(", ", engine.Spaces)}); index it first.");
            if (!engine.Model(name).HasTextTower) throw new ArgumentException($"space '{name}' has no text tower; expansion only applies to text search.");
            var english = HunspellDictionary.LoadLanguage("en_US", engineOptions.HunspellDirectory);
            var queries = ExpansionQueryGenerator.Generate(data.Items, new WordNetDatabase(engineOptions.WordNetDirectory), parse.GetValue(perKind), english.Contains);
            console.Error.WriteLine($"generated {queries.Count} queries from {data.Items.Count} items' labels and tags ({Counts(queries)})");
            var tuner = new ExpansionTuner(engine, name, new ExpansionTuningOptions { K = parse.GetValue(k), Quick = parse.GetValue(quick) });
            var result = tuner.Tune(queries, new ImmediateProgress<string>(console.Error.WriteLine), ct);

            Print(console, $"dev queries (tuned on), {data.Name}", result.K, result.Dev);
            Print(console, $"test queries (not tuned on), {data.Name}", result.K, result.Test);
            if (result.Spelling is { } spelling) Print(console, "spell correction alone, misspelled test queries", result.K, [spelling]);
            console.Out.WriteLine(result.Settings.Gate!.Note);

            object? other = null;
            if (parse.GetValue(reportOn) is { } otherPath)
            {
                var gallery = Datasets.Dataset.Open(otherPath);
                using var otherEngine = SearchEngine.Open(gallery, engineOptions with { ReadOnly = true });
                var bench = new ExpansionTestCollection(otherEngine, name, queries, result.K);
                var test = bench.Split(tuner.Options.TestFraction).Test;
                var all = bench.Compare(bench.Score(null, ct), bench.Score(result.Settings, ct));
                var held = test.Compare(test.Score(null, ct), test.Score(result.Settings, ct));
                Print(console, $"all queries, {gallery.Name} (settings from {data.Name})", result.K, all);
                Print(console, $"test queries only, {gallery.Name}", result.K, held);
                other = new { dataset = otherPath, all, test = held };
            }

            var state = TuningState.Read(data.StoreDirectory);
            var tuned = new Dictionary<string, QueryExpansionSettings>(state.Expansion ?? [], StringComparer.Ordinal) { [name] = result.Settings };
            var gain = result.Test.FirstOrDefault(c => c.Set == "all")?.NdcgGain.MeanDifference;
            (state with
            {
                Expansion = tuned,
                HeldOutMetrics = gain is { } g ? new(state.HeldOutMetrics) { [$"expansion_ndcg@{result.K}_gain"] = g } : state.HeldOutMetrics,
            }).Write(data.StoreDirectory);
            console.Error.WriteLine($"kept the settings for space '{name}' in {TuningState.PathIn(data.StoreDirectory)} (search --expand, export-config and serve use them)");

            if (parse.GetValue(report) is { } reportPath)
            {
                var document = new
                {
                    dataset = parse.GetValue(dataset.Dataset), space = name, k = result.K, generated = Counts(queries),
                    settings = SearchConfigMapping.ToConfig(result.Settings),
                    dev = result.Dev, test = result.Test, spelling = result.Spelling, reportOn = other, trials = result.Trials,
                };
                AtomicFile.WriteText(reportPath, JsonSerializer.Serialize(document, ReportJson));
                console.Error.WriteLine($"wrote {reportPath}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }

    private static string Counts(IReadOnlyList<ExpansionQuery> queries) =>
        string.Join(", ", queries.GroupBy(q => q.Kind).Select(g => $"{g.Count()} {ExpansionTestCollection.KindName(g.Key)}"));

    private static void Print(CliConsole console, string title, int k, IReadOnlyList<ExpansionComparison> comparisons)
    {
        console.Out.WriteLine($"{title}: plain -> expanded, mean [95% CI]");
        foreach (var c in comparisons)
        {
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {c.Set,-18} {c.Queries,5} queries  hit@{k} {Figure(c.Plain.Hit)} -> {Figure(c.Expanded.Hit)}  recall@{k} {Figure(c.Plain.Recall)} -> {Figure(c.Expanded.Recall)}  nDCG@{k} {Figure(c.Plain.Ndcg)} -> {Figure(c.Expanded.Ndcg)}  gain {Gain(c.NdcgGain)}"));
        }
    }

    private static string Figure(MeanInterval m) => string.Create(CultureInfo.InvariantCulture, $"{m.Mean:0.000} [{m.Low:0.000}, {m.High:0.000}]");

    private static string Gain(BootstrapInterval b) => string.Create(CultureInfo.InvariantCulture, $"{Signed(b.MeanDifference)} [{Signed(b.Low)}, {Signed(b.High)}]");

    // Rounds first, so a tiny negative prints as 0.000 and not as -0.000.
    private static string Signed(double value)
    {
        var rounded = Math.Round(value, 3);
        return rounded == 0 ? "0.000" : rounded.ToString("+0.000;-0.000", CultureInfo.InvariantCulture);
    }
}
