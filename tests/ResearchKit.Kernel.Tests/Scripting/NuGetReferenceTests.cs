using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.References;

namespace ResearchKit.Kernel.Tests.Scripting;

public sealed class NuGetReferenceTests
{
    /// <summary>A package the solution's own restore already put in the global packages folder (Parquet.Net depends on it), so no network is needed.</summary>
    private const string CachedPackage = "K4os.Compression.LZ4", CachedVersion = "1.3.8";

    [Theory]
    [InlineData("nuget: Plotly.NET, 6.0.0", "Plotly.NET", "6.0.0")]
    [InlineData("nuget:Humanizer", "Humanizer", null)]
    [InlineData("nuget: Foo/1.2.3-beta", "Foo", "1.2.3-beta")]
    public void Parses_the_directive(string reference, string name, string? version) =>
        Assert.Equal(new NuGetPackageSpec(name, version), NuGetPackageSpec.TryParse(reference));

    [Fact]
    public void Paths_are_not_packages_and_bad_ids_are_refused()
    {
        Assert.Null(NuGetPackageSpec.TryParse("lib/my.dll"));
        Assert.Throws<NuGetRestoreException>(() => NuGetPackageSpec.TryParse("nuget: ../../etc"));
        Assert.Throws<NuGetRestoreException>(() => NuGetPackageSpec.TryParse("nuget: Ok, 1.0\" />"));
    }

    [Fact]
    public async Task A_package_the_source_does_not_have_fails_clearly_and_the_session_continues()
    {
        var folder = Directory.CreateTempSubdirectory("rk-nuget-empty").FullName;
        var feed = Directory.CreateDirectory(Path.Combine(folder, "feed")).FullName;
        var config = Path.Combine(folder, "nuget.config");
        File.WriteAllText(config, $"<configuration><packageSources><clear /><add key=\"empty\" value=\"{feed}\" /></packageSources></configuration>");
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { PackageCacheDirectory = Path.Combine(folder, "cache"), NuGetConfigFile = config });
        var (outcome, _) = await EvaluatorFixture.Run(evaluator, "#r \"nuget: ResearchKit.NoSuchPackage, 1.0.0\"\n1");
        Assert.Equal(nameof(NuGetRestoreException), outcome.Error!.Name);
        Assert.Contains("ResearchKit.NoSuchPackage", outcome.Error.Message);
        Assert.Contains("NU1101", outcome.Error.Message);
        var (next, _) = await EvaluatorFixture.Run(evaluator, "2");
        Assert.Equal("2", next.Result!.PlainText);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Restores_a_package_through_a_temporary_project_and_uses_it()
    {
        var globalCache = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            CachedPackage.ToLowerInvariant(), CachedVersion);
        Assert.True(Directory.Exists(globalCache), $"{globalCache} missing: restore the solution first (it brings {CachedPackage} through Parquet.Net)");
        var cache = Directory.CreateTempSubdirectory("rk-nuget").FullName;
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { PackageCacheDirectory = cache });
        var (outcome, _) = await EvaluatorFixture.Run(evaluator, $"#r \"nuget: {CachedPackage}, {CachedVersion}\"\nK4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(100)");
        Assert.Null(outcome.Error);
        Assert.Equal("116", outcome.Result!.PlainText);
        Directory.Delete(cache, recursive: true);
    }

    [Fact]
    public async Task An_interrupt_stops_a_restore_and_caches_nothing()
    {
        var cache = Directory.CreateTempSubdirectory("rk-nuget-stop").FullName;
        var evaluator = new CSharpEvaluator(new EvaluatorOptions { PackageCacheDirectory = cache });
        await EvaluatorFixture.Run(evaluator, "1");
        using var interrupt = new CancellationTokenSource();
        var run = EvaluatorFixture.Run(evaluator, $"#r \"nuget: {CachedPackage}, {CachedVersion}\"\n1", interrupt.Token);
        // `dotnet publish` takes seconds even for a cached package; interrupt once it has started.
        string? Restoring() => Directory.EnumerateFiles(cache, "ScriptPackages.csproj", SearchOption.AllDirectories).FirstOrDefault();
        for (var i = 0; i < 300 && Restoring() is null; i++) await Task.Delay(20);
        var restoring = Restoring();
        Assert.True(restoring is not null, "the restore did not start");
        await interrupt.CancelAsync();
        var (outcome, _) = await run;
        // Had the restore ignored the interrupt, it would have finished and cached the package (restored.ok).
        Assert.Equal("CellInterrupted", outcome.Error!.Name);
        Assert.False(Directory.Exists(Path.GetDirectoryName(restoring)), "the restore ran on, or left a half-restored package in the cache");
        Directory.Delete(cache, recursive: true);
    }
}
