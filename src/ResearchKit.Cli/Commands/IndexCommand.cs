using System.CommandLine;
using ResearchKit.Embeddings;
using Spectre.Console;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit index DATASET --model M [--model M2 ...]</c>: embeds every image with each model into the
/// dataset's store, only new or changed images on later runs, committing as it goes so a killed run resumes.
/// </summary>
public static class IndexCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new DatasetArguments();
        var models = new Option<string[]>("--model", "-m")
        {
            Description = "Model directory or registry name; repeat for several spaces. 'SPACE=MODEL' names the space (default: the model's name).",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var batch = new Option<int>("--batch-size") { Description = "Images per encoder call.", DefaultValueFactory = _ => 32 };
        var commit = new Option<int>("--commit-every") { Description = "Images embedded between commits (work a killed run can lose).", DefaultValueFactory = _ => 256 };
        var runtime = new ModelArguments();
        var command = new Command("index", "Embed a dataset's images with one or more models into its store (incremental, crash-safe).");
        dataset.AddTo(command);
        command.Options.Add(models);
        command.Options.Add(batch);
        command.Options.Add(commit);
        runtime.AddTo(command, includeModel: false);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var data = dataset.Open(parse);
            foreach (var problem in data.Problems) console.Error.WriteLine($"warning: {problem}");
            var indexer = new DatasetIndexer(data);
            var failed = 0;
            foreach (var spec in parse.GetValue(models)!)
            {
                var (space, modelName) = SplitSpec(spec);
                using var model = runtime.Open(parse, modelName, console.Error);
                var options = new IndexOptions { Space = space, BatchSize = parse.GetValue(batch), CommitEvery = parse.GetValue(commit) };
                var report = await WithProgress(console, model.Name, p => indexer.IndexAsync(model, options, p, ct));
                if (report.Invalidated is { } why) console.Error.WriteLine($"note: {why}.");
                console.Out.WriteLine($"{report.Space}: {report.Embedded} embedded, {report.Unchanged} unchanged, {report.Removed} removed, {report.Failures.Count} failed ({report.ImagesPerSecond:0.0} images/s, {report.Elapsed.TotalSeconds:0.0} s)");
                foreach (var f in report.Failures) console.Error.WriteLine($"  failed {f.Source}: {f.Message}");
                if (report.Failures.Count > 0) console.Error.WriteLine($"  (failures saved to {Path.Combine(indexer.Store.SpaceDirectory(report.Space), "failures.jsonl")}; they are retried on the next run)");
                failed += report.Failures.Count;
            }
            return failed == 0 ? 0 : CommandGuard.UserError;
        }));
        return command;
    }

    internal static (string? Space, string Model) SplitSpec(string spec)
    {
        var at = spec.IndexOf('=');
        return at > 0 && spec.IndexOfAny(['/', '\\'], 0, at) < 0 ? (spec[..at], spec[(at + 1)..]) : (null, spec);
    }

    private static async Task<IndexReport> WithProgress(CliConsole console, string name, Func<IProgress<IndexProgress>, Task<IndexReport>> run)
    {
        if (!console.Interactive)
        {
            var lastPrinted = DateTime.MinValue;
            return await run(new ImmediateProgress<IndexProgress>(p =>
            {
                if (DateTime.UtcNow - lastPrinted < TimeSpan.FromSeconds(5) && p.Done < p.Total) return;
                lastPrinted = DateTime.UtcNow;
                console.Error.WriteLine($"  {p.Space}: {p.Done}/{p.Total} images, {p.ImagesPerSecond:0.0}/s, {p.Failed} failed{Eta(p)}");
            }));
        }
        return await console.Ansi.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(name), maxValue: 1);
                var report = await run(new ImmediateProgress<IndexProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{name} {p.ImagesPerSecond:0}/s{(p.Failed > 0 ? $", {p.Failed} failed" : "")}");
                }));
                task.Value = task.MaxValue;
                return report;
            });
    }

    private static string Eta(IndexProgress p) => p.Remaining is { } r ? $", about {r.TotalSeconds:0} s left" : "";
}
