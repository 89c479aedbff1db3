using System.CommandLine;
using System.Runtime.InteropServices;
using ResearchKit.Deployment;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit export-config DATASET --out FILE.json</c>: the deployment config from the latest tuning results.</summary>
public static class ExportConfigCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var output = new Option<string>("--out", "-o") { Description = "Config file to write (atomically; large weights go to a sidecar beside it).", Required = true };
        var space = new Option<string?>("--space", "-s") { Description = "Space (default: the one tuned last)." };
        var command = new Command("export-config", "Assemble and write the SearchConfig that a production service loads, from the store's tuning.json.");
        dataset.AddTo(command);
        command.Options.Add(output);
        command.Options.Add(space);
        command.SetAction(parse => CommandGuard.Run(console, () =>
        {
            var data = dataset.Open(parse);
            using var engine = SearchEngine.Open(data);
            var state = TuningState.Read(data.StoreDirectory);
            var name = parse.GetValue(space) ?? state.Space ?? engine.Spaces[0];
            var options = new SearchOptions
            {
                Space = name,
                Hybrid = state.HybridWith is { } other && state.HybridWeight is { } w && w < 1 ? [new SpaceWeight(name, w), new SpaceWeight(other, 1 - w)] : null,
                Calibration = state.Temperature is { } t && state.Bias is { } b ? new ScoreCalibration(t, b) : null,
                Crops = state.LocalWeight is { } local ? new CropRerankOptions(state.RecallDepth ?? 50, new CropLayout(state.CropGrid ?? 2), 1 - local, local) : null,
            };
            var provenance = new ConfigProvenance(data.Root, state.Judgments, state.HeldOutMetrics, DateTimeOffset.UtcNow,
                typeof(SearchConfig).Assembly.GetName().Version?.ToString() ?? "0");
            var config = SearchConfigMapping.FromOptions(engine, options, provenance);
            if (config.Calibration is { } c && state.Threshold is { } th) config = config with { Calibration = c with { Threshold = th } };
            float[]? weights = null;
            if (state.TripletWeightsFile is { } file && state.Space == name)
                weights = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(data.StoreDirectory, file))).ToArray();
            var path = parse.GetValue(output)!;
            config.Save(path, weights, name);
            console.Out.WriteLine($"wrote {path} (spaces {string.Join(", ", config.Spaces.Select(s => s.Name))}{(weights is null ? "" : ", triplet weights")})");
            return 0;
        }));
        return command;
    }
}
