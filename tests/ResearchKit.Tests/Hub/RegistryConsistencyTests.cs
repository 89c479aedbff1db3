using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

/// <summary>
/// What the registry declares (family, dims, input size, preprocessing) against what the model files
/// themselves say, for every entry whose files are here (the fixture models). A registry that lies about
/// a dimension would make stores and configs disagree with the model they name. Covers the embedded
/// emoji models in models/emoji too.
/// </summary>
public sealed class RegistryConsistencyTests
{
    public static TheoryData<string> LocalEntries()
    {
        var data = new TheoryData<string>();
        foreach (var entry in ModelRegistry.Load(HubTestContext.RegistryPath).Entries)
            if (LocalPath(entry.Name) is not null)
                data.Add(entry.Name);
        return data;
    }

    /// <summary>A fixture model (tests/fixtures) or an embedded default model (models/emoji), or null.</summary>
    private static string? LocalPath(string name) =>
        Directory.Exists(FixturePaths.Model(name)) ? FixturePaths.Model(name)
        : Path.Combine(Path.GetDirectoryName(HubTestContext.RegistryPath)!, "emoji", name) is var embedded && Directory.Exists(embedded) ? embedded : null;

    [Fact]
    public void Every_fixture_model_has_a_registry_entry()
    {
        var names = ModelRegistry.Load(HubTestContext.RegistryPath).Entries.Select(e => e.Name).ToHashSet();
        foreach (var dir in Directory.GetDirectories(Path.Combine(FixturePaths.Reference, "models")))
            Assert.Contains(Path.GetFileName(dir), names);
    }

    [Theory]
    [MemberData(nameof(LocalEntries))]
    public void Declared_family_dimension_and_input_size_match_the_onnx_files(string name)
    {
        var entry = ModelRegistry.Load(HubTestContext.RegistryPath).Find(name);
        using var model = EmbeddingModel.Open(LocalPath(name)!);
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
    public void Declared_files_exist_with_the_declared_sizes(string name)
    {
        var entry = ModelRegistry.Load(HubTestContext.RegistryPath).Find(name);
        foreach (var file in entry.Files)
        {
            var path = Path.Combine(LocalPath(name)!, file.Path);
            Assert.True(File.Exists(path), $"{name}: {file.Path} missing");
            if (file.Size is { } size) Assert.Equal(size, new FileInfo(path).Length);
        }
    }
}
