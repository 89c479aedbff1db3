using System.CommandLine;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit slurm script DATASET --model M --shards N [...]</c>: prints an sbatch array script for sharded indexing.</summary>
public static class SlurmCommand
{
    public static Command Create(CliConsole console)
    {
        var dataset = new Argument<string>("dataset") { Description = "Dataset folder as the cluster's nodes see it (a shared file system)." };
        var models = new Option<string[]>("--model", "-m") { Description = "Model directory or registry name (repeatable; SPACE=MODEL names the space).", Required = true };
        var shards = new Option<int>("--shards") { Description = "Array tasks, one shard each.", Required = true };
        var store = new Option<string?>("--store") { Description = "Store folder when it is not DATASET/.researchkit." };
        var metadata = new Option<string?>("--metadata") { Description = "Metadata file when it is not in the dataset folder." };
        var command = new Option<string>("--researchkit") { Description = "How the nodes call the tool.", DefaultValueFactory = _ => "researchkit" };
        var partition = new Option<string?>("--partition") { Description = "Slurm partition." };
        var time = new Option<string?>("--time") { Description = "Time limit per task (e.g. 02:00:00)." };
        var cpus = new Option<int?>("--cpus-per-task") { Description = "CPUs per task (decoding runs on them)." };
        var memory = new Option<string?>("--mem") { Description = "Memory per node (e.g. 16G)." };
        var gpus = new Option<int?>("--gpus-per-task") { Description = "GPUs per task; the index command then uses --provider cuda unless --provider says otherwise." };
        var provider = new Option<string?>("--provider") { Description = "ONNX Runtime execution provider for the index command." };
        // The index command's own options: 'auto' (each task measures on its --cpus-per-task) or a number passed on.
        var throughput = new ThroughputArguments();
        var maxRunning = new Option<int?>("--max-running") { Description = "Most tasks running at once." };
        var output = new Option<string>("--output") { Description = "Log file pattern (%A job id, %a task id).", DefaultValueFactory = _ => "researchkit-index-%A_%a.out" };
        var jobName = new Option<string>("--job-name") { Description = "Job name.", DefaultValueFactory = _ => "researchkit-index" };
        var extra = new Option<string[]>("--sbatch") { Description = "Extra #SBATCH option, repeatable (e.g. --sbatch=--account=lab)." };
        var script = new Command("script", "Print an sbatch array script that indexes DATASET in N shards at once (one task per shard).");
        script.Arguments.Add(dataset);
        foreach (var option in new Option[] { models, shards, store, metadata, command, partition, time, cpus, memory, gpus, provider, maxRunning, output, jobName, extra })
            script.Options.Add(option);
        throughput.AddTo(script);
        script.SetAction(parse => CommandGuard.Run(console, () =>
        {
            console.Out.Write(SlurmScript.Render(new SlurmScriptOptions
            {
                Dataset = Path.GetFullPath(parse.GetValue(dataset)!),
                Models = parse.GetValue(models)!,
                Shards = parse.GetValue(shards),
                Command = parse.GetValue(command)!,
                Store = parse.GetValue(store) is { } s ? Path.GetFullPath(s) : null,
                Metadata = parse.GetValue(metadata) is { } m ? Path.GetFullPath(m) : null,
                Partition = parse.GetValue(partition),
                Time = parse.GetValue(time),
                CpusPerTask = parse.GetValue(cpus),
                Memory = parse.GetValue(memory),
                GpusPerTask = parse.GetValue(gpus),
                Provider = parse.GetValue(provider),
                BatchSize = throughput.Batch(parse),
                DecodeWorkers = throughput.Workers(parse),
                MaxRunning = parse.GetValue(maxRunning),
                Output = parse.GetValue(output)!,
                JobName = parse.GetValue(jobName)!,
                Extra = parse.GetValue(extra) ?? [],
            }));
            return 0;
        }));
        var slurm = new Command("slurm", "Run sharded indexing on a Slurm cluster.");
        slurm.Subcommands.Add(script);
        return slurm;
    }
}
