using System.Text.RegularExpressions;
using ResearchKit.Cli;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Embeddings;

/// <summary>The Slurm script's options and the committed Kubernetes manifest stay runnable commands.</summary>
public sealed class ScaleOutCommandTests
{
    [Fact]
    public void The_slurm_script_has_one_task_per_shard_gpu_options_and_the_auto_shard_command()
    {
        var run = CliRun.Invoke("slurm", "script", "/shared/photos", "--model", "siglip=/models/siglip base", "--shards", "8",
            "--gpus-per-task", "1", "--partition", "gpu", "--time", "02:00:00", "--cpus-per-task", "6", "--sbatch=--account=lab");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("#SBATCH --array=0-7\n", run.Out);
        Assert.Contains("#SBATCH --gpus-per-task=1\n", run.Out);
        Assert.Contains("#SBATCH --partition=gpu\n", run.Out);
        Assert.Contains("#SBATCH --account=lab\n", run.Out);
        Assert.Contains("researchkit index /shared/photos --model 'siglip=/models/siglip base' --shard auto --shards 8 --provider cuda\n", run.Out);
    }

    [Fact]
    public void The_kubernetes_indexed_job_runs_a_valid_index_command_with_as_many_shards_as_completions()
    {
        var manifest = File.ReadAllText(Path.Combine(SlurmCluster.Repository, "deploy", "k8s", "index-job.yaml"));
        Assert.Contains("completionMode: Indexed", manifest);
        var completions = int.Parse(Regex.Match(manifest, @"completions:\s*(\d+)").Groups[1].Value);
        var args = Regex.Matches(Regex.Match(manifest, @"args:\s*\[(.*)\]").Groups[1].Value, "\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal("researchkit", args[0]);
        Assert.Equal(completions, int.Parse(args[Array.IndexOf(args, "--shards") + 1]));
        Assert.Equal("auto", args[Array.IndexOf(args, "--shard") + 1]);
        Assert.Empty(Program.BuildRoot(CliConsole.Plain(new StringWriter(), new StringWriter())).Parse(args[1..]).Errors);
    }
}
