using System.Diagnostics;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Models;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Embeddings;

/// <summary>The script 'researchkit slurm script' prints, submitted to a real Slurm cluster as a 4-task array.</summary>
public sealed class SlurmArrayTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SlurmFact]
    public async Task A_four_task_array_over_the_emoji_training_split_equals_a_single_process_index()
    {
        Assert.True(SlurmCluster.Missing() is null, SlurmCluster.Missing());
        var model = Path.Combine(SlurmCluster.Repository, "models", "emoji", "dinov2-emoji");
        var sharded = Path.Combine(_dir.Path, "sharded");
        var cli = $"{CliProcess.DotnetHost()} {Path.Combine(AppContext.BaseDirectory, "researchkit.dll")}";
        var render = CliRun.Invoke("slurm", "script", SlurmCluster.EmojiTrain, "--model", model, "--shards", "4", "--store", sharded,
            "--researchkit", cli, "--cpus-per-task", "1", "--output", Path.Combine(_dir.Path, "task-%A_%a.out"));
        Assert.True(render.ExitCode == 0, render.Error);
        Assert.Contains("#SBATCH --array=0-3", render.Out);
        var script = Path.Combine(_dir.Path, "index.sbatch");
        File.WriteAllText(script, render.Out);

        var (code, output) = await Sbatch("--wait", script);

        var logs = string.Join("\n", Directory.GetFiles(_dir.Path, "task-*.out").Order().Select(f => $"--- {f}\n{File.ReadAllText(f)}"));
        Assert.True(code == 0, $"sbatch --wait exited {code}: {output}\n{logs}");
        Assert.Equal(4, Directory.GetFiles(_dir.Path, "task-*.out").Length);
        var log = VectorLog.TryOpen(Path.Combine(sharded, "spaces", "dinov2-emoji"))!;
        Assert.Equal(["shard-0-of-4", "shard-1-of-4", "shard-2-of-4", "shard-3-of-4"], log.Parts);
        Assert.All(log.CountByPart().Values, count => Assert.True(count > 0));

        using var embedding = EmbeddingModel.Open(model);
        var single = Path.Combine(_dir.Path, "single");
        var dataset = Dataset.Open(SlurmCluster.EmojiTrain, new DatasetOptions { StoreDirectory = single });
        await new DatasetIndexer(dataset).IndexAsync(embedding);
        var expected = EmbeddingStore.Open(single).LoadSpace("dinov2-emoji");
        var actual = EmbeddingStore.Open(sharded).LoadSpace("dinov2-emoji");
        Assert.Equal(dataset.Items.Count, actual.Count);
        ShardedIndexTests.AssertSameSpace(expected, actual, queries: 300);

        // A plain run afterwards merges the four parts and embeds nothing.
        var merge = await new DatasetIndexer(Dataset.Open(SlurmCluster.EmojiTrain, new DatasetOptions { StoreDirectory = sharded })).IndexAsync(embedding);
        Assert.Equal(0, merge.Embedded);
        Assert.Equal(["main"], VectorLog.TryOpen(Path.Combine(sharded, "spaces", "dinov2-emoji"))!.Parts);
    }

    private static async Task<(int Code, string Output)> Sbatch(params string[] args)
    {
        var info = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["SLURM_CONF"] = SlurmCluster.Config;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
