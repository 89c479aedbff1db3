using System.Diagnostics;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Models;
using ResearchKit.Search;
using ResearchKit.Tests.Embeddings;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Service;

/// <summary>
/// A real <c>researchkit serve</c> whose config or model goes bad while it serves: it logs and counts the failed
/// reload, keeps serving the old config, and recovers on the next good reload.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServeConfigFaultTests(IndexedDatasetFixture data) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly IndexedDatasetFixture _data = data;
    private readonly ServeConfigFile _config = new(data.Root);

    public void Dispose() => _config.Dispose();

    [UnprivilegedFact]
    public async Task A_config_made_unreadable_is_counted_while_the_old_one_serves_and_fixing_it_recovers()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path, unprivileged: true);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        // The edit lands unreadable (mode 000, swapped in by rename as editors do); the server runs as nobody.
        var edited = Path.Combine(_config.Folder, "edited.json");
        _config.WriteTo(edited, new SearchOptions { Target = "siglip", TopK = 2 });
        File.SetUnixFileMode(edited, UnixFileMode.None);
        File.Move(edited, _config.Path, overwrite: true);

        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.MetricAsync(serve, "researchkit_config_reload_failures_total") >= 1),
            $"the failed reload was never counted:\n{serve.Output}");
        Assert.False(serve.HasExited, serve.Output);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));
        // The log line is read from the server's output asynchronously and may trail the metric.
        Assert.True(await ServeProcess.EventuallyAsync(() => Task.FromResult(serve.Output.Contains("config reload failed", StringComparison.Ordinal)), 10), serve.Output);
        Assert.Contains("permission", serve.Output, StringComparison.OrdinalIgnoreCase);

        File.SetUnixFileMode(_config.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.ResultCountAsync(serve.Client) == 2),
            $"the readable config was not picked up:\n{serve.Output}");
        Assert.Equal(2, await ServeConfigFile.MetricAsync(serve, "researchkit_config_generation"));
    }

    [Fact]
    public async Task A_fifo_at_the_config_path_is_refused_without_blocking_and_a_real_file_recovers()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        File.Delete(_config.Path);
        MakeFifo(_config.Path);

        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.MetricAsync(serve, "researchkit_config_reload_failures_total") >= 1),
            $"the FIFO was never refused (a blocked open never returns):\n{serve.Output}");
        Assert.True(await ServeProcess.EventuallyAsync(() => Task.FromResult(serve.Output.Contains("not a regular file", StringComparison.Ordinal)), 10), serve.Output);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        File.Delete(_config.Path);
        _config.Write(new SearchOptions { Target = "siglip", TopK = 2 });
        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.ResultCountAsync(serve.Client) == 2),
            $"a reload after the FIFO never happened (is the reload stuck?):\n{serve.Output}");
    }

    [Fact]
    public async Task A_model_that_fails_to_open_fails_the_reload_not_the_searches_and_the_next_reload_retries_it()
    {
        // A private model folder and dataset, so the model can be taken away without touching the shared fixtures.
        using var own = new TempDirectory();
        var model = Path.Combine(own.Path, "model");
        CopyFolder(FixturePaths.Model("siglip-tiny"), model);
        var dataset = Path.Combine(own.Path, "photos");
        Directory.CreateDirectory(dataset);
        TestDatasets.WriteFixtureImages(dataset);
        using (var m = EmbeddingModel.Open(model))
            await new DatasetIndexer(Dataset.Open(dataset)).IndexAsync(m, new IndexOptions { Space = "siglip" });
        using var config = new ServeConfigFile(dataset);

        await using var serve = await ServeProcess.StartAsync(dataset, config.Path);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        Directory.Move(model, model + ".away");
        config.Write(new SearchOptions { Target = "siglip", TopK = 2 });
        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.MetricAsync(serve, "researchkit_config_reload_failures_total") >= 1
                || await ServeConfigFile.MetricAsync(serve, "researchkit_config_generation") >= 2),
            $"the edit was never reloaded:\n{serve.Output}");
        // The generation that cannot open its model must not be the one serving.
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));
        Assert.Equal(1, await ServeConfigFile.MetricAsync(serve, "researchkit_config_generation"));

        Directory.Move(model + ".away", model);
        File.SetLastWriteTimeUtc(config.Path, DateTime.UtcNow);
        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.ResultCountAsync(serve.Client) == 2),
            $"the model was not retried on the next reload:\n{serve.Output}");
    }

    private static void MakeFifo(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
