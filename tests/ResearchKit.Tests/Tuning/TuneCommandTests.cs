using ResearchKit.Deployment;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Tuning;

/// <summary>The judgments → tune → export-config path of the command line, end to end on generated images.</summary>
public sealed class TuneCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Synthetic_judgments_feed_calibration_weights_and_triplets_and_export_a_loadable_config()
    {
        Embeddings.TestDatasets.WriteGeneratedImages(_dir.Path, 45);
        var groups = new[] { "red", "green", "blue" };
        File.WriteAllLines(Path.Combine(_dir.Path, "metadata.csv"),
            ["path,title,tags", .. Enumerable.Range(0, 45).Select(i => $"gen_{i:D5}.png,item {i},{groups[i % 3]}")]);
        Ok(CliRun.Invoke("index", _dir.Path, "--model", "sig=" + FixturePaths.Model("siglip-tiny")));

        Assert.Contains("added 300 triplets", Ok(CliRun.Invoke("judgments", "generate", _dir.Path, "--triplets", "300", "--queries", "3")));
        Assert.Contains("T = ", Ok(CliRun.Invoke("tune", "calibrate", _dir.Path, "--space", "sig")));
        Assert.Contains("held-out", Ok(CliRun.Invoke("tune", "weights", _dir.Path, "--space", "sig")));
        var triplets = Ok(CliRun.Invoke("tune", "triplets", _dir.Path, "--space", "sig", "--suggest", "2"));
        Assert.Contains("vs unweighted", triplets);
        Assert.Equal(2, triplets.Split('\n').Count(l => l.Contains("judge next")));

        var config = Path.Combine(_dir.Path, "search.json");
        Ok(CliRun.Invoke("export-config", _dir.Path, "--out", config));
        var loaded = SearchConfig.Load(config);
        Assert.Equal("sig", loaded.Spaces.Single().Name);
        Assert.NotNull(loaded.Calibration);
        Assert.Equal(loaded.Spaces[0].Dimension, loaded.Weights!.Length);
        Assert.True(loaded.Provenance.Judgments >= 300);
        Assert.Contains("triplet_accuracy", loaded.Provenance.HeldOutMetrics.Keys);

        var exported = Path.Combine(_dir.Path, "triplets.csv");
        Ok(CliRun.Invoke("judgments", "export", _dir.Path, exported));
        Assert.Equal(301, File.ReadAllLines(exported).Length);
        File.WriteAllText(Path.Combine(_dir.Path, "bad.csv"), "anchor,a,b,answer\nx,y,z,maybe\n");
        var bad = CliRun.Invoke("judgments", "import", _dir.Path, Path.Combine(_dir.Path, "bad.csv"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("line 2: answer 'maybe'", bad.Error);
    }

    private static string Ok(CliRun.Result run)
    {
        Assert.True(run.ExitCode == 0, run.Error + run.Out);
        return run.Out;
    }
}
