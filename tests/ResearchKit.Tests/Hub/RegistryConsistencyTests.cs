using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

/// <summary>
/// What the registry declares (family, dims, input size, preprocessing) against what the model files
/// themselves say, for every entry whose files are here (the fixture models). A registry that lies about
/// a dimension would make stores and configs disagree with the model they name. Covers the embedded
/// emoji models of the shipped registry, and the fixture models and replica repositories of the test registry.
/// </summary>
public sealed class RegistryConsistencyTests
{
    /// <summary>Every entry whose files are here, as (registry: "shipped" or "test", name).</summary>
    public static TheoryData<string, string> LocalEntries()
    {
        var data = new TheoryData<string, string>();
        foreach (var (source, registry) in Registries())
            foreach (var entry in registry.Entries)
                if (LocalPath(entry) is not null)
                    data.Add(source, entry.Name);
        return data;
    }

    private static (string Source, ModelRegistry Registry)[] Registries() =>
        [("shipped", ModelRegistry.Load(HubTestContext.ShippedRegistryPath)), ("test", ModelRegistry.Load(HubTestContext.RegistryPath))];

    private static RegistryEntry Find(string source, string name) => Registries().Single(r => r.Source == source).Registry.Find(name);

    /// <summary>A fixture model (tests/fixtures/reference/models), a replica repository, an embedded default model (models/emoji), or null.</summary>
    private static string? LocalPath(RegistryEntry entry)
    {
        var replica = Path.Combine(FixturePaths.Replicas, "repos", entry.Repo);
        return Directory.Exists(FixturePaths.Model(entry.Name)) ? FixturePaths.Model(entry.Name)
            : entry.Upstream?.StartsWith("replica of", StringComparison.Ordinal) == true && Directory.Exists(replica) ? replica
            : Path.Combine(FixturePaths.RepositoryRoot, "models", "emoji", entry.Name) is var embedded && Directory.Exists(embedded) ? embedded : null;
    }

    [Fact]
    public void Every_fixture_model_has_a_registry_entry()
    {
        var names = ModelRegistry.Load(HubTestContext.RegistryPath).Entries.Select(e => e.Name).ToHashSet();
        foreach (var dir in Directory.GetDirectories(Path.Combine(FixturePaths.Reference, "models")))
            Assert.Contains(Path.GetFileName(dir), names);
    }

    [Theory]
    [MemberData(nameof(LocalEntries))]
    public void Declared_family_dimension_and_input_size_match_the_onnx_files(string source, string name)
    {
        var entry = Find(source, name);
        using var model = EmbeddingModel.Open(LocalPath(entry)!);
        Assert.Equal(entry.Family, model.Family);
        var encoder = (OnnxImageEncoder)model.ImageEncoder;
        Assert.Equal(entry.EmbeddingDim, encoder.Dimension);
        Assert.Equal((entry.ImageSize, entry.ImageSize), model.Preprocessor.Config.OutputSize);
        var shape = encoder.DeclaredInputShape;
        // Fixed-size exports declare the side; dynamic ones (-1) accept what the preprocessor makes.
        Assert.True(shape[^1] <= 0 || shape[^1] == entry.ImageSize, $"{name}: ONNX input width {shape[^1]} vs registry {entry.ImageSize}");
        if (model.HasTextTower)
            Assert.Equal(entry.EmbeddingDim, model.EmbedText("a photo").Length);
    }

    [Theory]
    [MemberData(nameof(LocalEntries))]
    public void Declared_files_exist_with_the_declared_sizes(string source, string name)
    {
        var entry = Find(source, name);
        foreach (var file in entry.Files)
        {
            var path = Path.Combine(LocalPath(entry)!, file.Path);
            Assert.True(File.Exists(path), $"{name}: {file.Path} missing");
            if (file.Size is { } size) Assert.Equal(size, new FileInfo(path).Length);
        }
    }
}
