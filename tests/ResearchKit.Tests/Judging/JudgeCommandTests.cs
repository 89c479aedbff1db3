using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Judging;

/// <summary><c>researchkit judge</c> refuses what it cannot serve with one clear line and exit code 2.</summary>
public sealed class JudgeCommandTests
{
    [Fact]
    public void An_unknown_mode_is_named()
    {
        using var dir = new TempDirectory();
        var result = CliRun.Invoke("judge", dir.Path, "--mode", "pairs");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--mode 'pairs' is not triplets or relevance", result.Error);
    }

    [Fact]
    public void A_dataset_without_an_index_says_to_index_it()
    {
        using var dir = new TempDirectory();
        Embeddings.TestDatasets.WriteFixtureImages(dir.Path);
        var result = CliRun.Invoke("judge", dir.Path, "--port", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Error);
        Assert.Contains("researchkit index", result.Error);
    }
}
