using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ResearchKit.Cli.Commands;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.IO;
using ResearchKit.Evaluation;
using ResearchKit.Models;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Cli.Demo;

/// <summary>
/// The demo, step by step: prepare the emoji test collection, index both splits with every model (the index
/// command), sample text and image searches, recall@10 on the held-out set, judgments from the training
/// split's label queries, calibration (tune calibrate), the deployment config (export-config), and the report.
/// </summary>
public sealed class DemoRun(CliConsole console, DemoOptions options)
{
    private static readonly string[] TextQueries = ["red apple", "cat face", "rocket", "pizza", "smiling face with heart-eyes", "flag: Japan"];
    private static readonly string[] ImageQueries = ["1F34E", "1F431", "1F680", "1F355", "1F60D", "2764"];
    private const string DrawingSetField = "set";
    private readonly DemoReport _report = new();

    /// <summary>Runs every step; returns the report path.</summary>
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var data = options.DataDirectory;
        if (options.Prepare) Prepare(data);
        if (!Directory.Exists(Path.Combine(data, "train")) || !Directory.Exists(Path.Combine(data, "heldout")))
            throw new DemoException(data, options.Prepare
                ? "the preparation left no train/ and heldout/ splits here; see its messages above."
                : "no prepared emoji test collection here (no train/ and heldout/ splits); run the demo without --no-prepare to prepare it, or pass --data DIR with a prepared one.");
        Directory.CreateDirectory(options.OutputDirectory);
        var models = options.Models;
        var train = Path.Combine(data, "train");
        var heldout = Path.Combine(data, "heldout");
        var trainSet = Dataset.Open(train);
        _report.Section("Data", $"Emoji test collection in {data}: {trainSet.Items.Count} training images (Noto, Fluent, OpenMoji) and {Dataset.Open(heldout).Items.Count} held-out Twemoji images. Models: {string.Join(", ", models.Select(m => m.Name))}.");
        if (options.Note is { } note) _report.Section("Note", note);

        var specs = models.SelectMany(m => new[] { "--model", $"{m.Name}={m.Directory}" }).ToArray();
        foreach (var split in new[] { heldout, train })
        {
            Step($"index {split}");
            Nested(["index", split, .. specs]);
        }

        var evaluations = new List<RetrievalEvaluation>();
        var collection = TestCollection.Open(data);
        // Per drawing set where the training metadata names it (the emoji test collection does; a --data folder may not).
        var by = trainSet.HasField(DrawingSetField) ? DrawingSetField : null;
        foreach (var m in models)
        {
            Step($"eval {m.Name}");
            using var model = EmbeddingModel.Open(m.Directory);
            var result = await collection.EvaluateAsync(model, 10, null, new ImmediateProgress<string>(l => console.Out.WriteLine("  " + l)), cancellationToken, m.Name, by);
            evaluations.Add(result);
        }
        _report.Evaluations(evaluations, new Dictionary<string, double> { ["text_label"] = 0.5, ["image_cross"] = 0.6 });
        _report.Breakdown(evaluations, "image_cross");
        // The same figures as `researchkit eval --by set --json`, one entry per model, for scripts and the test suite.
        AtomicFile.Write(Path.Combine(options.OutputDirectory, "evaluation.json"), s => JsonSerializer.Serialize(s, evaluations, EvalCommand.JsonOptions));

        Step("sample searches");
        using (var heldEngine = SearchEngine.Open(Dataset.Open(heldout)))
        using (var trainEngine = SearchEngine.Open(Dataset.Open(train)))
        {
            _report.Searches("Text to image (held-out Twemoji)", TextSearches(heldEngine, models).ToList());
            _report.Searches("Image to image: a Twemoji image against the training sets", ImageSearches(heldEngine, trainEngine, models).ToList());
        }

        if (models.FirstOrDefault(HasTextTower) is { } textModel) Calibrate(train, textModel.Name);
        var report = Path.Combine(options.OutputDirectory, "report.html");
        _report.Save(report, "ResearchKit demo: emoji search with SigLIP, DINOv2 and EVA02-CLIP");
        return report;
    }

    private static bool HasTextTower(DemoModel model)
    {
        using var loaded = EmbeddingModel.Open(model.Directory);
        return loaded.HasTextTower;
    }

    private void Prepare(string data)
    {
        var script = options.PrepareScript;
        Step($"prepare the emoji test collection ({script})");
        var start = new ProcessStartInfo("bash", [script, data]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new DemoException(script, "could not start bash; install bash or run the script by hand.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) console.Out.WriteLine("  " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) console.Error.WriteLine("  " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new DemoException(script, $"exited with {process.ExitCode}; see its messages above. Preparing the emoji test collection needs npm, rsvg-convert and Pillow " +
                $"(the script installs the Debian packages npm, librsvg2-bin and python3-pil when run as root) and the npm registry; or pass --data DIR --no-prepare with a prepared test collection.");
    }

    private IEnumerable<DemoSearch> TextSearches(SearchEngine engine, IReadOnlyList<DemoModel> models)
    {
        foreach (var m in models)
        {
            if (!engine.Model(m.Name).HasTextTower) continue;
            foreach (var q in TextQueries)
            {
                var response = engine.SearchText(q, new SearchOptions { Target = new SingleSpace(m.Name), TopK = 8 });
                console.Out.WriteLine($"  {m.Name} \"{q}\": {string.Join(", ", response.Results.Take(5).Select(r => r.Item?.Title ?? r.Id))}");
                yield return new DemoSearch(m.Name, q, null, [.. response.Results.Select(r => (r.Id, Path.Combine(engine.DatasetRoot, r.Item!.RelativePath), r.Score,
                    string.Equals(r.Item.Title, q, StringComparison.OrdinalIgnoreCase)))]);
            }
        }
    }

    private IEnumerable<DemoSearch> ImageSearches(SearchEngine held, SearchEngine train, IReadOnlyList<DemoModel> models)
    {
        foreach (var m in models)
            foreach (var hex in ImageQueries)
            {
                var id = "twemoji/" + hex;
                if (held.Item(id) is not { } item || !held.Space(m.Name).TryGetRow(id, out var row)) continue;
                var vector = held.Space(m.Name).Vector(row).ToArray();
                var response = train.Search(new Dictionary<string, QueryVectors> { [m.Name] = QueryVectors.Single(vector) }, new SearchOptions { Target = new SingleSpace(m.Name), TopK = 8 });
                console.Out.WriteLine($"  {m.Name} [{item.Title}]: {string.Join(", ", response.Results.Take(5).Select(r => r.Id))}");
                yield return new DemoSearch(m.Name, item.Title ?? id, Path.Combine(held.DatasetRoot, item.RelativePath), [.. response.Results.Select(r =>
                    (r.Id, Path.Combine(train.DatasetRoot, r.Item!.RelativePath), r.Score, r.Id.EndsWith("/" + hex, StringComparison.Ordinal)))]);
            }
    }

    private void Calibrate(string train, string space)
    {
        Step($"calibration on the training split ({space})");
        var dataset = Dataset.Open(train);
        var judgmentsFile = Path.Combine(options.OutputDirectory, "train-judgments.csv");
        using (var engine = SearchEngine.Open(dataset))
        {
            // Every 10th label query of the training split: its emoji relevant, the engine's best other hits not.
            var queries = TestQueryFile.Read(Path.Combine(options.DataDirectory, "queries", "train_text_label.jsonl")).Where((_, i) => i % 10 == 0);
            JudgmentFiles.WriteRelevance(judgmentsFile, SyntheticJudgments.WithHardNegatives(engine, space, queries));
        }
        // The store under the prepared data belongs to the demo: start from its own judgments each run.
        var database = Path.Combine(dataset.StoreDirectory, "judgments.sqlite");
        if (File.Exists(database)) File.Delete(database);
        Nested(["judgments", "import", train, judgmentsFile, "--kind", "relevance"]);
        Nested(["tune", "calibrate", train, "--space", space, "--target-precision", "0.8"]);
        var config = Path.Combine(options.OutputDirectory, "search-config.json");
        Nested(["export-config", train, "--space", space, "--out", config]);

        var state = TuningState.Read(dataset.StoreDirectory);
        using var judged = JudgmentStore.ForStore(dataset.StoreDirectory);
        using var scoring = SearchEngine.Open(dataset);
        var (scores, relevant) = CalibrationPairs.Score(scoring, space, judged.Relevance());
        var t = state.Temperature ?? 1;
        var b = state.Bias ?? 0;
        _report.Calibration(space, scores, relevant, t, b, string.Create(CultureInfo.InvariantCulture,
            $"T = {t:0.###}, b = {b:0.###} fitted on {scores.Count} judged pairs ({relevant.Count(r => r)} relevant); threshold for precision 0.8: {(state.Threshold is { } th ? th.ToString("0.###", CultureInfo.InvariantCulture) : "none")}. Exported config: {config}"));
        _report.Pre(File.ReadAllText(config));
    }

    private void Nested(string[] args)
    {
        console.Out.WriteLine("  $ researchkit " + string.Join(' ', args.Select(a => a.Contains(' ') ? $"\"{a}\"" : a)));
        var code = Program.BuildRoot(console).Parse(args).Invoke();
        if (code != 0) throw new DemoException($"researchkit {args[0]}", $"exited with {code}; its error is printed above.");
    }

    private void Step(string what) => console.Out.WriteLine($"== {what}");
}
