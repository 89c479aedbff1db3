using System.Diagnostics;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;

namespace ResearchKit.Tests.Embeddings;

/// <summary>kill -9 during indexing, then re-run: nothing committed is redone and every file stays readable.</summary>
public sealed class CrashResumeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Indexing_killed_mid_run_resumes_without_re_embedding_committed_work()
    {
        TestDatasets.WriteGeneratedImages(_dir.Path, 3000);
        var model = FixturePaths.Model("dinov2-tiny");
        var logPath = Path.Combine(_dir.Path, ".researchkit", "spaces", "dinov2-tiny", "log.json");

        using (var process = StartCli("index", _dir.Path, "--model", model, "--commit-every", "32"))
        {
            // Wait until a few chunks are committed, then kill without warning.
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (DateTime.UtcNow < deadline && !process.HasExited && CommittedSegments(logPath) < 3) await Task.Delay(20);
            Assert.False(process.HasExited, $"the indexer finished (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be killed; give it more images.");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        // The store is readable as the crash left it.
        var before = EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny").Count;
        Assert.InRange(before, 96, 2999);

        var report = await new DatasetIndexer(Dataset.Open(_dir.Path)).IndexAsync(
            ResearchKit.Models.EmbeddingModel.Open(model), new IndexOptions { CommitEvery = 512 });

        Assert.Equal(before, report.Unchanged);
        Assert.Equal(3000 - before, report.Embedded);
        var space = EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny");
        Assert.Equal(3000, space.Count);
        Assert.All(Enumerable.Range(0, space.Count), row => Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Norm(space.Vector(row)), 0.999f, 1.001f));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(logPath)!, "*.tmp"));
    }

    private static int CommittedSegments(string logPath)
    {
        try { return File.Exists(logPath) ? File.ReadAllText(logPath).Split("seg-").Length - 1 : 0; }
        catch (IOException) { return 0; }
    }

    private static Process StartCli(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "researchkit.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
