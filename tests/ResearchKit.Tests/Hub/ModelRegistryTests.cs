using System.Security.Cryptography;
using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

public sealed class ModelRegistryTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("rk-registry-").FullName;

    public void Dispose() => Directory.Delete(_temp, true);

    [Fact]
    public void Registry_loads_and_every_entry_has_name_family_repo_files_and_dim()
    {
        var registry = ModelRegistry.Load(HubTestContext.ShippedRegistryPath);
        Assert.True(registry.Entries.Count >= 21, $"only {registry.Entries.Count} entries");
        foreach (var entry in registry.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Name));
            Assert.Matches("^[^/]+/[^/]+$", entry.Repo);
            Assert.NotEmpty(entry.Files);
            Assert.True(entry.EmbeddingDim > 0, entry.Name);
            Assert.True(entry.ImageSize > 0, entry.Name);
            Assert.False(string.IsNullOrWhiteSpace(entry.License), entry.Name);
            Assert.False(string.IsNullOrWhiteSpace(entry.Note), entry.Name);
            Assert.True(Enum.IsDefined(entry.Family), entry.Name);
        }
        foreach (var name in new[]
                 {
                     "google/siglip-base-patch16-224", "google/siglip-so400m-patch14-384", "google/siglip2-base-patch16-224",
                     "facebook/dinov2-small", "facebook/dinov2-base", "facebook/dinov2-large",
                     "facebook/dinov2-with-registers-small", "facebook/dinov2-with-registers-base", "facebook/dinov2-with-registers-large",
                     "EVA02-CLIP-B-16", "EVA02-CLIP-L-14",
                     "google/siglip-base-patch16-256", "google/siglip-base-patch16-384", "ViT-B-16-SigLIP__webli",
                     "ViT-B-16-SigLIP2__webli", "ViT-SO400M-14-SigLIP2-378__webli", "google/siglip2-large-patch16-256", "google/siglip2-so400m-patch14-384",
                 })
            Assert.NotNull(registry.TryFind(name));
        // The random-weight fixtures are test material, not models users pick.
        foreach (var fixture in new[] { "siglip-tiny", "dinov2-tiny", "eva02-clip-tiny" })
            Assert.Null(registry.TryFind(fixture));
        Assert.Equal(ModelFamily.Siglip2, registry.Find("google/siglip2-base-patch16-224").Family);
        Assert.Equal(ModelFamily.Eva02Clip, registry.Find("EVA02-CLIP-L-14").Family);
        Assert.Equal(ModelLayout.Immich, registry.Find("google/siglip-so400m-patch14-384").Layout);
        Assert.Equal(1152, registry.Find("google/siglip-so400m-patch14-384").EmbeddingDim);
    }

    [Theory]
    [InlineData("siglip-tiny")]
    [InlineData("dinov2-tiny")]
    [InlineData("eva02-clip-tiny")]
    public void Fixture_entries_pin_the_exact_size_and_sha256_of_every_fixture_file(string name)
    {
        var entry = ModelRegistry.Load(HubTestContext.RegistryPath).Find(name);
        Assert.Equal("researchkit/" + name, entry.Repo);
        var onDisk = Directory.GetFiles(FixturePaths.Model(name)).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(onDisk, entry.Files.Select(f => f.Path).Order().ToArray());
        foreach (var file in entry.Files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(FixturePaths.Model(name), file.Path));
            Assert.Equal(bytes.Length, file.Size);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
        }
    }

    [Fact]
    public void Find_is_case_insensitive_accepts_repo_ids_and_short_names()
    {
        var registry = ModelRegistry.Load(HubTestContext.ShippedRegistryPath);
        Assert.Equal("facebook/dinov2-small", registry.Find("FACEBOOK/DINOv2-Small").Name);
        Assert.Equal("facebook/dinov2-small", registry.Find("xenova/dinov2-small").Name);
        Assert.Equal("facebook/dinov2-small", registry.Find("dinov2-small").Name);
        Assert.Equal("google/siglip-so400m-patch14-384", registry.Find("immich-app/ViT-SO400M-14-SigLIP-384__webli").Name);
        Assert.Equal("siglip-tiny", ModelRegistry.Load(HubTestContext.RegistryPath).Find("SigLIP-Tiny").Name);
    }

    [Fact]
    public void Unknown_name_throws_a_typed_error_listing_known_names()
    {
        var registry = ModelRegistry.Load(HubTestContext.ShippedRegistryPath);
        var e = Assert.Throws<UnknownModelException>(() => registry.Find("clip-nonexistent"));
        Assert.Contains("clip-nonexistent", e.Message);
        Assert.Contains("facebook/dinov2-small", e.Message);
        Assert.Contains("ViT-B-16-SigLIP2__webli", e.KnownNames);
        Assert.IsAssignableFrom<ModelNotFoundException>(e);
    }

    [Theory]
    [InlineData("""{"models": [{"name": "a", "family": "siglip", "repo": "x/a", "embeddingDim": 8, "imageSize": 8, "files": []}]}""", "lists no files")]
    [InlineData("""{"models": [{"name": "a", "family": "siglip", "repo": "noslash", "embeddingDim": 8, "imageSize": 8, "files": [{"path": "a"}]}]}""", "org/name")]
    [InlineData("""{"models": [{"name": "a", "family": "siglip", "repo": "x/a", "embeddingDim": 0, "imageSize": 8, "files": [{"path": "a"}]}]}""", "embeddingDim")]
    [InlineData("""{"models": [{"name": "a", "family": "siglip", "repo": "x/a", "embeddingDim": 8, "imageSize": 8, "files": [{"path": "../a"}]}]}""", "bad file path")]
    [InlineData("""{"models": [{"name": "a", "family": "siglip", "repo": "x/a", "embeddingDim": 8, "imageSize": 8, "files": [{"path": "a", "sha256": "abc"}]}]}""", "64 hex")]
    [InlineData("""{"models": [{"name": "a", "family": "nope", "repo": "x/a", "embeddingDim": 8, "imageSize": 8, "files": [{"path": "a"}]}]}""", "not a valid registry")]
    [InlineData("""{"models": []}""", "empty")]
    public void Malformed_registries_are_rejected_with_the_reason(string json, string reason)
    {
        var path = Path.Combine(_temp, "registry.json");
        File.WriteAllText(path, json);
        var e = Assert.Throws<ModelRegistryException>(() => ModelRegistry.Load(path));
        Assert.Contains(reason, e.Message);
        Assert.Equal(path, e.Path);
    }

    [Fact]
    public void Registry_is_copied_beside_the_cli_and_found_by_default()
    {
        // The test project references the CLI, whose csproj copies models/registry.json to its output.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, ModelRegistry.FileName)));
        Assert.Equal(ModelRegistry.Load(HubTestContext.ShippedRegistryPath).Names, ResearchKit.Cli.ShippedFiles.Tool.LoadRegistry().Names);
    }
}
