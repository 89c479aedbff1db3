using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using ResearchKit.Embeddings;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit tune calibrate|weights|triplets|expansion DATASET --space S</c>: fit settings from the dataset's judgments (expansion: from queries generated from its metadata).</summary>
public static class TuneCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("tune", "Fit calibration, search weights, triplet weights or query expansion; results go to the store's tuning.json.");
        command.Subcommands.Add(Calibrate(console));
        command.Subcommands.Add(Weights(console));
        command.Subcommands.Add(Triplets(console));
        command.Subcommands.Add(TuneExpansionCommand.Create(console));
        return command;
    }

    private static (DatasetArguments Dataset, Option<string> Space, Command Command) Base(string name, string description)
    {
        var dataset = new DatasetArguments();
        var space = new Option<string>("--space", "-s") { Description = "Space to tune.", Required = true };
        var command = new Command(name, description);
        dataset.AddTo(command);
        command.Options.Add(space);
        return (dataset, space, command);
    }

    private static Command Calibrate(CliConsole console)
    {
        var (dataset, space, command) = Base("calibrate", "Fit T and b of sigmoid(T * score + b) to the relevance judgments (NLL), report ECE before and after, pick a threshold.");
        var precision = new Option<double>("--target-precision") { Description = "Threshold for this precision (highest recall that keeps it).", DefaultValueFactory = _ => 0.8 };
        command.Options.Add(precision);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var data = dataset.Open(parse);
            using var engine = SearchEngine.Open(data);
            using var judgments = JudgmentStore.ForStore(data.StoreDirectory);
            var name = parse.GetValue(space)!;
            var (scores, relevant) = CalibrationPairs.Score(engine, name, judgments.Relevance());
            var fit = CalibrationFit.Fit(scores, relevant, engine.CalibrationFor(name, new SearchOptions { Target = new SingleSpace(name) }));
            var probabilities = scores.Select(fit.Calibration.Probability).ToList();
            var threshold = ThresholdChoice.ForPrecision(probabilities, relevant, parse.GetValue(precision));
            console.Out.WriteLine(Invariant($"T = {fit.Calibration.Temperature:0.####}, b = {fit.Calibration.Bias:0.####} from {fit.Pairs} judged pairs"));
            console.Out.WriteLine(Invariant($"ECE {fit.Before.ExpectedCalibrationError:0.0000} -> {fit.After.ExpectedCalibrationError:0.0000}, NLL {fit.Before.NegativeLogLikelihood:0.0000} -> {fit.After.NegativeLogLikelihood:0.0000}, Brier {fit.Before.Brier:0.0000} -> {fit.After.Brier:0.0000}"));
            console.Out.WriteLine(threshold is null ? "no threshold reaches the target precision" : Invariant($"threshold {threshold.Threshold:0.####}: precision {threshold.Precision:0.###}, recall {threshold.Recall:0.###}"));
            var state = TuningState.Read(data.StoreDirectory);
            state = state with
            {
                Space = name, Temperature = fit.Calibration.Temperature, Bias = fit.Calibration.Bias, Threshold = threshold?.Threshold,
                Judgments = Math.Max(state.Judgments, fit.Pairs),
                HeldOutMetrics = new(state.HeldOutMetrics) { ["ece_after"] = fit.After.ExpectedCalibrationError },
            };
            state.Write(data.StoreDirectory);
            return 0;
        }));
        return command;
    }

    private static Command Weights(CliConsole console)
    {
        var (dataset, space, command) = Base("weights", "Grid-search crop weights, crop grid and recall depth (or hybrid weights with --hybrid-with) for nDCG@k on training queries; report held-out.");
        var hybridWith = new Option<string?>("--hybrid-with") { Description = "Second space: search the hybrid weight instead of crops." };
        var k = new Option<int>("--k") { DefaultValueFactory = _ => 10 };
        command.Options.Add(hybridWith);
        command.Options.Add(k);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var data = dataset.Open(parse);
            using var engine = SearchEngine.Open(data);
            using var judgments = JudgmentStore.ForStore(data.StoreDirectory);
            var name = parse.GetValue(space)!;
            var (train, heldOut) = TuningQuery.Split(TuningQuery.FromJudgments(judgments.Relevance()));
            var baseline = new SearchOptions { Target = new SingleSpace(name) };
            var grid = parse.GetValue(hybridWith) is { } other
                ? WeightSearch.HybridGrid(baseline, name, other, [1.0, 0.8, 0.6, 0.4, 0.2])
                : WeightSearch.CropGrid(baseline, [0.2, 0.3, 0.5], [2], [20, 50]);
            var result = WeightSearch.Run(engine, train, heldOut, grid, parse.GetValue(k));
            console.Out.WriteLine($"{train.Count} training queries, {heldOut.Count} held-out; nDCG@{parse.GetValue(k)}:");
            foreach (var s in result.Grid)
                console.Out.WriteLine(Invariant($"  {(s == result.Best ? "*" : " ")} {s.Candidate.Name,-40} train {s.Train:0.0000}  held-out {s.HeldOut:0.0000}"));
            if (result.VersusBaseline is { } ci)
                console.Out.WriteLine(Invariant($"held-out gain over '{result.Grid[0].Candidate.Name}': {ci.MeanDifference:+0.0000;-0.0000} (95% CI {ci.Low:0.0000} to {ci.High:0.0000})"));
            var c = result.Best.Candidate.Coordinates;
            var state = TuningState.Read(data.StoreDirectory) with { Space = name };
            state = parse.GetValue(hybridWith) is { } second
                ? state with { HybridWith = second, HybridWeight = c[name] }
                : state with { LocalWeight = c["local"] > 0 ? c["local"] : null, CropGrid = c.TryGetValue("grid", out var g) ? (int)g : null, RecallDepth = c.TryGetValue("recall", out var r) ? (int)r : null };
            (state with { HeldOutMetrics = new(state.HeldOutMetrics) { [$"ndcg@{parse.GetValue(k)}"] = result.Best.HeldOut } }).Write(data.StoreDirectory);
            return 0;
        }));
        return command;
    }

    private static Command Triplets(CliConsole console)
    {
        var (dataset, space, command) = Base("triplets", "Learn per-dimension distance weights from the triplet judgments; report held-out accuracy against the unweighted baseline.");
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var suggest = new Option<int>("--suggest") { Description = "Also print this many triplets to judge next (most uncertain first).", DefaultValueFactory = _ => 0 };
        command.Options.Add(seed);
        command.Options.Add(suggest);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var data = dataset.Open(parse);
            var store = EmbeddingStore.For(data);
            var name = parse.GetValue(space)!;
            var vectors = store.LoadSpace(name);
            using var judgments = JudgmentStore.ForStore(store.Directory);
            var all = judgments.Triplets();
            var examples = all.Where(t => vectors.TryGetRow(t.Anchor, out _) && vectors.TryGetRow(t.A, out _) && vectors.TryGetRow(t.B, out _))
                .Select(t => new TripletExample(V(t.Anchor), V(t.A), V(t.B), t.Answer)).ToList();
            var cut = examples.Count * 4 / 5;
            var result = new TripletWeightTrainer(new TripletTrainingOptions { Seed = parse.GetValue(seed) }).Train(examples[..cut], examples[cut..]);
            console.Out.WriteLine(Invariant($"{cut} training and {examples.Count - cut} held-out triplets; held-out accuracy {result.HeldOutAccuracy:0.000} vs unweighted {result.BaselineAccuracy:0.000} (best epoch {result.BestEpoch})"));
            var file = Path.Combine(store.Directory, $"triplet-weights-{name}.f32");
            IO.AtomicFile.Write(file, s => s.Write(MemoryMarshal.AsBytes(result.Weights.AsSpan())));
            var state = TuningState.Read(store.Directory);
            (state with { Space = name, TripletWeightsFile = Path.GetFileName(file), Judgments = Math.Max(state.Judgments, all.Count),
                HeldOutMetrics = new(state.HeldOutMetrics) { ["triplet_accuracy"] = result.HeldOutAccuracy, ["triplet_accuracy_unweighted"] = result.BaselineAccuracy } }).Write(store.Directory);
            foreach (var (anchor, a, b, u) in TripletSuggester.MostUncertain(vectors, result.Weights, parse.GetValue(suggest), all))
                console.Out.WriteLine(Invariant($"  judge next: anchor {anchor}: {a} or {b}? (uncertainty {1 - u:0.000})"));
            return 0;

            float[] V(string id) => vectors.Vector(vectors.RowOf(id)).ToArray();
        }));
        return command;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
