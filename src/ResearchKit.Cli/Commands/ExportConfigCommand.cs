using System.CommandLine;
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
            var (config, weights) = TunedSearchConfig.Assemble(engine, state, data.StoreDirectory, data.Root, name);
            var path = parse.GetValue(output)!;
            config.Save(path, weights, name);
            console.Out.WriteLine($"wrote {path} (spaces {string.Join(", ", config.Spaces.Select(s => s.Name))}{(weights is null ? "" : ", triplet weights")})");
            return 0;
        }));
        return command;
    }
}
