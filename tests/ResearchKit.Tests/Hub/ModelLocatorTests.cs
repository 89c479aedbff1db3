using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

public sealed class ModelLocatorTests : IDisposable
{
    private readonly HubTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Name_resolves_to_the_snapshot_after_pull_and_throws_before()
    {
        var before = Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve("dinov2-tiny", _ctx.Registry, _ctx.CacheDir));
        Assert.Contains("'dinov2-tiny' is not in the hub cache", before.Message);
        Assert.IsNotType<UnknownModelException>(before);

        var result = await _ctx.PullAsync("dinov2-tiny");
        var dir = ModelLocator.Resolve("DINOv2-tiny", _ctx.Registry, _ctx.CacheDir);
        Assert.Equal(result.SnapshotDirectory, dir);
        Assert.Equal(ModelFamily.Dinov2, ModelDirectory.Open(dir).Family);
    }

    [Fact]
    public void Existing_directory_is_returned_as_is()
    {
        var dir = FixturePaths.Model("siglip-tiny");
        Assert.Equal(dir, ModelLocator.Resolve(dir, _ctx.Registry, _ctx.CacheDir));
    }

    [Fact]
    public void Unknown_name_lists_the_registry()
    {
        var e = Assert.Throws<UnknownModelException>(() => ModelLocator.Resolve("no-such-model", _ctx.Registry, _ctx.CacheDir));
        Assert.Contains("siglip-tiny", e.Message);
    }

    [Fact]
    public async Task A_snapshot_missing_a_file_is_not_resolved()
    {
        var result = await _ctx.PullAsync("siglip-tiny");
        File.Delete(Path.Combine(result.SnapshotDirectory, "text_model.onnx"));
        Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve("siglip-tiny", _ctx.Registry, _ctx.CacheDir));
    }
}
