using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

/// <summary>The default models embedded in models/emoji resolve by registry name, without a download.</summary>
public sealed class EmbeddedModelsTests
{
    [Fact]
    public void Every_embedded_model_folder_has_a_registry_entry_that_resolves_to_it()
    {
        var registry = ModelRegistry.LoadDefault();
        var folder = EmbeddedModels.Find("siglip-emoji") is { } one ? Path.GetDirectoryName(one)! : null;
        if (folder is null) return; // a checkout without embedded models: nothing to resolve
        foreach (var dir in Directory.GetDirectories(folder))
        {
            var name = Path.GetFileName(dir);
            var entry = registry.Find(name);
            Assert.False(entry.Pullable);
            Assert.Equal(Path.GetFullPath(dir), Path.GetFullPath(ModelLocator.Resolve(name, registry, cacheDirectory: Path.GetTempPath())));
        }
    }

    [Theory]
    [InlineData("../registry.json")]
    [InlineData("a/b")]
    [InlineData(" ")]
    public void Names_that_are_paths_are_not_looked_up(string name) => Assert.Null(EmbeddedModels.Find(name));
}
