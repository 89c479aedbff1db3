using ResearchKit.Cli;
using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Cli;

/// <summary>The files the tool ships beside its assembly (registry, embedded models, demo scripts) and how names resolve to them.</summary>
public sealed class ShippedFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Build_output_holds_the_registry_the_embedded_models_and_the_demo_scripts()
    {
        // The test binary's folder is a copy of the CLI's build output, as an installed tool's folder is.
        var files = ShippedFiles.Tool;
        Assert.Equal(Path.GetFullPath(AppContext.BaseDirectory), files.Root);
        Assert.True(File.Exists(files.RegistryPath), files.RegistryPath);
        Assert.True(File.Exists(files.EmojiPrepareScript));
        Assert.True(File.Exists(Path.Combine(files.Root, "data", "emoji", "prepare.py")));
        Assert.True(File.Exists(Path.Combine(files.Root, "scripts", "install-data-tools.sh")));
        var repository = Path.Combine(FixturePaths.RepositoryRoot, "models", "emoji");
        foreach (var dir in Directory.GetDirectories(repository))
            foreach (var file in Directory.GetFiles(dir, "*.onnx"))
                Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(files.EmbeddedModels, Path.GetFileName(dir), Path.GetFileName(file))));
    }

    [Fact]
    public void Every_embedded_model_has_a_registry_entry_that_resolves_to_the_shipped_copy()
    {
        var files = ShippedFiles.Tool;
        var registry = files.LoadRegistry();
        var names = Directory.GetDirectories(files.EmbeddedModels).Select(Path.GetFileName).ToArray();
        Assert.Equal(["dinov2-emoji", "eva02-clip-emoji", "siglip-emoji"], names.Order(StringComparer.Ordinal));
        foreach (var name in names)
        {
            Assert.False(registry.Find(name!).Pullable);
            Assert.Equal(Path.Combine(files.EmbeddedModels, name!), files.LocateModel(name!, cacheDirectory: _dir.Path).Directory);
        }
    }

    [Fact]
    public void A_directory_resolves_as_it_is_even_without_a_registry()
    {
        var files = new ShippedFiles(_dir.Path);
        var model = FixturePaths.Model("siglip-tiny");
        Assert.Equal(model, files.LocateModel(model).Directory);
        var e = Assert.Throws<ModelRegistryException>(() => files.LocateModel("siglip-emoji"));
        Assert.Equal(Path.Combine(_dir.Path, "registry.json"), e.Path);
    }

    [Fact]
    public void The_core_resolves_only_from_the_folder_it_is_given()
    {
        var registry = ShippedFiles.Tool.LoadRegistry();
        // Without a folder of local models, an embedded entry is not found anywhere else (no walking up from here).
        var e = Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve("siglip-emoji", registry, _dir.Path));
        Assert.Contains("cannot be downloaded", e.Message);
        Assert.DoesNotContain("researchkit models", e.Message);
        // A given folder that lacks the model is no better.
        Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve("siglip-emoji", registry, _dir.Path, localModels: _dir.Path));
    }
}
