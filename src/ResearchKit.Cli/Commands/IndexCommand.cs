using System.CommandLine;
using ResearchKit.Embeddings;
using Spectre.Console;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit index DATASET --model M [--model M2 ...] [--shard I/N | --shard auto [--shards N]]</c>: embeds every
/// image (or one shard's) with each model into the dataset's store, only new, changed or damaged images on later runs,
/// committing as it goes so a killed run resumes. Shards run at once as separate processes (Slurm array tasks,
/// Kubernetes Indexed Job pods), each writing its own part of the space.
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
        var throughput = new ThroughputArguments();
        var commit = new Option<int>("--commit-every") { Description = "Images embedded between commits (work a killed run can lose).", DefaultValueFactory = _ => 256 };
        var shard = new Option<string?>("--shard")
        {
            Description = "Index one shard, I/N counted from 0 (e.g. 0/4), into its own part of the space while other shards run; 'auto' reads SLURM_ARRAY_TASK_ID/_COUNT or JOB_COMPLETION_INDEX.",
        };
        var shards = new Option<int?>("--shards") { Description = "Shard count for --shard auto under a Kubernetes Indexed Job (its completions); checked against a Slurm array's size." };
        var lockTimeout = new Option<double?>("--lock-timeout") { Description = "Seconds to wait for another writer of the space before giving up (default: wait as long as it takes)." };
        var runtime = new ModelArguments();
        var command = new Command("index", "Embed a dataset's images with one or more models into its store (incremental, crash-safe).");
        dataset.AddTo(command);
        command.Options.Add(models);
        throughput.AddTo(command);
        command.Options.Add(commit);
        command.Options.Add(shard);
        command.Options.Add(shards);
        command.Options.Add(lockTimeout);
        runtime.AddTo(command, includeModel: false);
        command.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            var part = ShardFrom(parse.GetValue(shard), parse.GetValue(shards));
            var (batchSize, decodeWorkers) = (throughput.Batch(parse), throughput.Workers(parse));
            var data = dataset.Open(parse);
            foreach (var problem in data.Problems) console.Error.WriteLine($"warning: {TerminalText.Clean(problem)}");
            if (part is not null) console.Error.WriteLine($"shard {part} ({part.PartName}): {data.Items.Count(i => part.Contains(i.Id))} of {data.Items.Count} images");
            var indexer = new DatasetIndexer(data);
            var failed = 0;
            foreach (var spec in parse.GetValue(models)!)
            {
                var (space, modelName) = SplitSpec(spec);
                using var model = runtime.Open(parse, modelName, console.Error);
                var options = new IndexOptions
                {
                    Space = space,
                    BatchSize = batchSize,
                    DecodeParallelism = decodeWorkers,
                    OnPlan = plan => ThroughputArguments.Print(console.Error, space ?? model.Name, plan),
                    CommitEvery = parse.GetValue(commit),
                    Shard = part,
                    LockTimeout = parse.GetValue(lockTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                    OnWait = message => console.Error.WriteLine($"waiting: {message}"),
                };
                var report = await WithProgress(console, model.Name, p => indexer.IndexAsync(model, options, p, ct));
                if (report.Invalidated is { } why) console.Error.WriteLine($"note: {why}.");
                foreach (var d in report.Damaged) console.Error.WriteLine($"repair: {TerminalText.Clean(d.Path)}: {d.Problem}");
                if (report.Repaired > 0) console.Error.WriteLine($"repair: {report.Repaired} images whose stored vectors were damaged were embedded again.");
                var shardText = part is null ? "" : $" [shard {part}]";
                console.Out.WriteLine($"{report.Space}{shardText}: {report.Embedded} embedded, {report.Unchanged} unchanged, {report.Removed} removed, {report.Failures.Count} failed ({report.ImagesPerSecond:0.0} images/s, {report.Elapsed.TotalSeconds:0.0} s{(report.Merge > TimeSpan.FromMilliseconds(1) ? $", merge {report.Merge.TotalSeconds:0.00} s" : "")})");
                foreach (var f in report.Failures) console.Error.WriteLine($"  failed {TerminalText.Clean(f.Source)}: {TerminalText.Clean(f.Message)}");
                if (report.Failures.Count > 0)
                    console.Error.WriteLine($"  (failures saved to {Path.Combine(indexer.Store.SpaceDirectory(report.Space), "parts", part?.PartName ?? "main", "failures.jsonl")}; they are retried on the next run{(part is null ? "" : " of this shard")})");
                failed += report.Failures.Count;
            }
            return failed == 0 ? 0 : CommandGuard.UserError;
        }));
        return command;
    }

    // The shard from --shard I/N, or from the scheduler's variables for --shard auto.
    internal static ShardSpec? ShardFrom(string? text, int? shards, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (text is null)
            return shards is null ? null : throw new ArgumentException("--shards goes with --shard auto (a Kubernetes Indexed Job gives the index, --shards the count).");
        if (!string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase)) return ShardSpec.Parse(text);
        environment ??= Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        return ShardSpec.FromScheduler(environment, shards);
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
