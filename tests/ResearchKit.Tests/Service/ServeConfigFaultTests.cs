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
public sealed class ServeConfigFaultTests : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly IndexedDatasetFixture _data;
    private readonly TempDirectory _dir = new();
    private readonly string _config;

    public ServeConfigFaultTests(IndexedDatasetFixture data)
    {
        _data = data;
        // The server (perhaps run as nobody) writes likes.sqlite beside the config.
        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_111_111);
        _config = Path.Combine(_dir.Path, "search.json");
        ServeConfigFile.Write(_data.Root, _config, new SearchOptions { Space = "siglip", TopK = 5 });
    }

    public void Dispose() => _dir.Dispose();

    [UnprivilegedFact]
    public async Task A_config_made_unreadable_is_counted_while_the_old_one_serves_and_fixing_it_recovers()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config, unprivileged: true);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        // The edit lands unreadable (mode 000, swapped in by rename as editors do); the server runs as nobody.
        var edited = Path.Combine(_dir.Path, "edited.json");
        ServeConfigFile.Write(_data.Root, edited, new SearchOptions { Space = "siglip", TopK = 2 });
        File.SetUnixFileMode(edited, UnixFileMode.None);
        File.Move(edited, _config, overwrite: true);

        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.MetricAsync(serve, "researchkit_config_reload_failures_total") >= 1),
            $"the failed reload was never counted:\n{serve.Output}");
        Assert.False(serve.HasExited, serve.Output);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));
        Assert.Contains("config reload failed", serve.Output);
        Assert.Contains("permission", serve.Output, StringComparison.OrdinalIgnoreCase);

        File.SetUnixFileMode(_config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.ResultCountAsync(serve.Client) == 2),
            $"the readable config was not picked up:\n{serve.Output}");
        Assert.Equal(2, await ServeConfigFile.MetricAsync(serve, "researchkit_config_generation"));
    }

    [Fact]
    public async Task A_fifo_at_the_config_path_is_refused_without_blocking_and_a_real_file_recovers()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        File.Delete(_config);
        MakeFifo(_config);

        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.MetricAsync(serve, "researchkit_config_reload_failures_total") >= 1),
            $"the FIFO was never refused (a blocked open never returns):\n{serve.Output}");
        Assert.Contains("not a regular file", serve.Output);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        File.Delete(_config);
        ServeConfigFile.Write(_data.Root, _config, new SearchOptions { Space = "siglip", TopK = 2 });
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
        ServeConfigFile.Write(dataset, _config, new SearchOptions { Space = "siglip", TopK = 5 });

        await using var serve = await ServeProcess.StartAsync(dataset, _config);
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));

        Directory.Move(model, model + ".away");
        ServeConfigFile.Write(dataset, _config, new SearchOptions { Space = "siglip", TopK = 2 });
        Assert.True(await ServeProcess.EventuallyAsync(async () => await ServeConfigFile.MetricAsync(serve, "researchkit_config_reload_failures_total") >= 1
                || await ServeConfigFile.MetricAsync(serve, "researchkit_config_generation") >= 2),
            $"the edit was never reloaded:\n{serve.Output}");
        // The generation that cannot open its model must not be the one serving.
        Assert.Equal(5, await ServeConfigFile.ResultCountAsync(serve.Client));
        Assert.Equal(1, await ServeConfigFile.MetricAsync(serve, "researchkit_config_generation"));

        Directory.Move(model + ".away", model);
        File.SetLastWriteTimeUtc(_config, DateTime.UtcNow);
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
