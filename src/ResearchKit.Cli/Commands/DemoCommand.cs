using System.CommandLine;
using ResearchKit.Cli.Demo;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit demo</c>: the first command to run on a fresh clone. Prepares the emoji test collection, indexes it
/// with the embedded emoji models (SigLIP, DINOv2, EVA02-CLIP), searches, evaluates, calibrates, exports a
/// config and writes an HTML report.
/// </summary>
public static class DemoCommand
{
    /// <summary>The embedded models (models/emoji/NAME in a clone and beside the tool), in report order.</summary>
    public static readonly string[] EmbeddedModels = ["siglip-emoji", "dinov2-emoji", "eva02-clip-emoji"];

    private static readonly string[] FixtureModels = ["siglip-tiny", "dinov2-tiny", "eva02-clip-tiny"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CliConsole console)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Folder for report.html, the judgments and search-config.json (default: artifacts/demo in a checkout, else ./researchkit-demo)." };
        var data = new Option<string?>("--data") { Description = "Prepared emoji test collection folder (default: data/emoji/prepared in a checkout, else the user's data folder; prepared on first use)." };
        var models = new Option<string[]>("--model", "-m") { Description = "Model directory or NAME=DIR; repeat. Default: the embedded emoji models." };
        var noPrepare = new Option<bool>("--no-prepare") { Description = "Use the prepared data as it is (do not run data/emoji/prepare.sh)." };
        var command = new Command("demo", "Prepare the emoji test collection, index it with the embedded models, search, evaluate, calibrate, export a config and write an HTML report.");
        command.Options.Add(output);
        command.Options.Add(data);
        command.Options.Add(models);
        command.Options.Add(noPrepare);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            // Inside a clone the demo keeps its data and report there; an installed tool uses its own shipped files.
            var checkout = RepositoryRoot.FindAbove(Directory.GetCurrentDirectory());
            var home = checkout ?? ShippedFiles.Tool.Root;
            var (chosen, note) = ChooseModels(checkout, parse.GetValue(models));
            var options = new DemoOptions
            {
                PrepareScript = Path.Combine(home, "data", "emoji", "prepare.sh"),
                DataDirectory = Path.GetFullPath(parse.GetValue(data) ?? (checkout is null ? UserDataDirectory() : Path.Combine(checkout, "data", "emoji", "prepared"))),
                OutputDirectory = Path.GetFullPath(parse.GetValue(output) ?? (checkout is null ? "researchkit-demo" : Path.Combine(checkout, "artifacts", "demo"))),
                Models = chosen,
                Prepare = !parse.GetValue(noPrepare),
                Note = note,
            };
            if (note is not null) console.Error.WriteLine("note: " + note);
            var report = await new DemoRun(console, options).RunAsync(ct);
            console.Out.WriteLine($"report: {report}");
            return 0;
        }));
        return command;
    }

    /// <summary>Where an installed tool keeps the prepared emoji test collection: the user's local data folder (~/.local/share on Linux).</summary>
    public static string UserDataDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "researchkit", "emoji-benchmark");

    private static (IReadOnlyList<DemoModel> Models, string? Note) ChooseModels(string? checkout, string[]? given)
    {
        if (given is { Length: > 0 })
            return ([.. given.Select(spec =>
            {
                var (space, dir) = IndexCommand.SplitSpec(spec);
                var full = Path.GetFullPath(dir);
                return new DemoModel(space ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(full)), full);
            })], null);
        // A clone's own models/emoji first (the notebooks index with those paths), else the copies shipped with the tool.
        var folder = checkout is not null && Directory.Exists(Path.Combine(checkout, "models", "emoji")) ? Path.Combine(checkout, "models", "emoji") : ShippedFiles.Tool.EmbeddedModels;
        var embedded = EmbeddedModels.Select(n => Path.Combine(folder, n)).Where(Directory.Exists).ToList();
        if (embedded.Count > 0)
            return ([.. embedded.Select(d => new DemoModel(Path.GetFileName(d), d))],
                embedded.Count < EmbeddedModels.Length ? $"only {embedded.Count} of the {EmbeddedModels.Length} embedded emoji models are in {folder}." : null);
        var fixtures = checkout is null ? [] : FixtureModels.Select(n => Path.Combine(checkout, "tests", "fixtures", "reference", "models", n)).Where(Directory.Exists).ToList();
        if (fixtures.Count == 0)
            throw new DemoException(folder, "no embedded models and no fixture models found; pass --model DIR.");
        return ([.. fixtures.Select(d => new DemoModel(Path.GetFileName(d), d))],
            "the trained emoji models are not in models/emoji/; the random-weight fixture models stand in, so the scores mean nothing.");
    }
}
