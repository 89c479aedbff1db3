using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.References;
using ResearchKit.Kernel.Tests.Scripting;

namespace ResearchKit.Kernel.Tests.Polyglot;

/// <summary>
/// <c>#i</c> sources and <c>#r "nuget: …"</c> packages as Polyglot notebooks use them. The local-feed tests need no
/// network (the package comes from the global packages folder the solution's restore filled); the Microsoft.ML test
/// restores from the configured package source, as the other NuGet tests may.
/// </summary>
public sealed class PolyglotPackageTests : IDisposable
{
    private const string CachedPackage = "K4os.Compression.LZ4", CachedVersion = "1.3.8";
    private readonly string _folder = Directory.CreateTempSubdirectory("rk-polyglot-nuget").FullName;

    /// <summary>A folder feed holding only the cached package, and a nuget.config whose only source is an empty folder.</summary>
    private (string Feed, string Config) LocalFeed()
    {
        var nupkg = Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            CachedPackage.ToLowerInvariant(), CachedVersion, $"{CachedPackage.ToLowerInvariant()}.{CachedVersion}.nupkg");
        Assert.True(File.Exists(nupkg), $"{nupkg} missing: restore the solution first (it brings {CachedPackage} through Parquet.Net)");
        var feed = Directory.CreateDirectory(Path.Combine(_folder, "feed")).FullName;
        File.Copy(nupkg, Path.Combine(feed, Path.GetFileName(nupkg)));
        var empty = Directory.CreateDirectory(Path.Combine(_folder, "empty")).FullName;
        var config = Path.Combine(_folder, "nuget.config");
        File.WriteAllText(config, $"<configuration><packageSources><clear /><add key=\"empty\" value=\"{empty}\" /></packageSources></configuration>");
        return (feed, config);
    }

    private CSharpEvaluator Evaluator(string? config = null) =>
        new(new EvaluatorOptions { PackageCacheDirectory = Path.Combine(_folder, "cache"), NuGetConfigFile = config });

    [Fact]
    public async Task An_i_source_is_used_for_the_restore_and_listed()
    {
        var (feed, config) = LocalFeed();
        var evaluator = Evaluator(config);
        var (outcome, host) = await EvaluatorFixture.Run(evaluator, $"#i \"nuget:{feed}\"\n#r \"nuget:{CachedPackage},{CachedVersion}\"\nK4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(100)");
        Assert.Null(outcome.Error);
        Assert.Equal("116", outcome.Result!.PlainText);
        var shown = host.Displays.Single().Bundle;
        Assert.Contains("Restore sources", shown.PlainText);
        Assert.Contains(feed, shown.PlainText);
        Assert.Contains($"{CachedPackage}, {CachedVersion}", (string)shown.Data["text/html"]);
    }

    [Fact]
    public async Task A_version_the_source_lacks_is_mapped_to_the_nearest_above_and_said()
    {
        var (feed, config) = LocalFeed();
        var evaluator = Evaluator(config);
        var (outcome, host) = await EvaluatorFixture.Run(evaluator, $"#i \"nuget:{feed}\"\n#r \"nuget: {CachedPackage}, 1.3.0-beta\"\n1");
        Assert.Null(outcome.Error);
        Assert.Contains($"{CachedPackage} 1.3.0-beta is not on the package source; {CachedVersion}", host.Displays.Single().Bundle.PlainText);
    }

    [Fact]
    public async Task A_package_the_source_lacks_fails_the_cell_by_name_and_the_cells_other_packages_are_installed()
    {
        var (feed, config) = LocalFeed();
        var evaluator = Evaluator(config);
        var cell = $"#i \"nuget:{feed}\"\n#r \"nuget:{CachedPackage},{CachedVersion}\"\n#r \"nuget: No.Such.Package.For.ResearchKit, 1.0.0\"\n1";
        var (outcome, host) = await EvaluatorFixture.Run(evaluator, cell);
        Assert.Equal(nameof(NuGetRestoreException), outcome.Error!.Name);
        Assert.Contains("'No.Such.Package.For.ResearchKit, 1.0.0' is not on the package source", outcome.Error.Message);
        Assert.Contains($"other packages were installed ({CachedPackage}, {CachedVersion})", outcome.Error.Message);
        var shown = (string)host.Displays.Single().Bundle.Data["text/html"];
        Assert.Contains($"<strong>Installed Packages</strong><ul><li><span>{CachedPackage}, {CachedVersion}</span>", shown);
        Assert.Contains("<strong>Not on the package source</strong><ul><li><span>No.Such.Package.For.ResearchKit, 1.0.0</span>", shown);
        var (next, _) = await EvaluatorFixture.Run(evaluator, "K4os.Compression.LZ4.LZ4Codec.MaximumOutputSize(100)");
        Assert.Null(next.Error);
        Assert.Equal("116", next.Result!.PlainText);
    }

    [Fact]
    public async Task Microsoft_ML_with_native_FastTree_trains_and_a_framework_package_resolves_to_the_framework()
    {
        var evaluator = Evaluator();
        var code = """
            #r "nuget: Microsoft.ML, 5.0.1"
            #r "nuget:Microsoft.ML.FastTree,5.0.1"
            #r "nuget:System.Text.Json"
            using Microsoft.ML;
            public class Row { public float X { get; set; } public float Label { get; set; } }
            var ml = new MLContext(seed: 0);
            var data = ml.Data.LoadFromEnumerable(Enumerable.Range(0, 200).Select(i => new Row { X = i % 17, Label = (i % 17) * 2f + 1 }));
            var features = ml.Transforms.Concatenate("Features", "X").Fit(data).Transform(data);
            var model = ml.Regression.Trainers.FastTree(numberOfLeaves: 4, numberOfTrees: 20, minimumExampleCountPerLeaf: 2).Fit(features);
            var metrics = ml.Regression.Evaluate(model.Transform(features));
            System.Text.Json.JsonSerializer.Serialize(new { good = metrics.RSquared > 0.9 })
            """;
        var (outcome, host) = await EvaluatorFixture.Run(evaluator, code);
        Assert.Null(outcome.Error);
        Assert.Equal("{\"good\":true}", outcome.Result!.PlainText);
        Assert.Contains("Microsoft.ML, 5.0.1", host.Displays[0].Bundle.PlainText);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
