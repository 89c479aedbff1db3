using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Models;

namespace ResearchKit.Tests.Embeddings;

public sealed class DatasetIndexerTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmbeddingModel _model = EmbeddingModel.Open(FixturePaths.Model("dinov2-tiny"));

    public DatasetIndexerTests() => TestDatasets.WriteFixtureImages(_dir.Path);

    public void Dispose()
    {
        _model.Dispose();
        _dir.Dispose();
    }

    private Task<IndexReport> Index(EmbeddingModel? model = null) =>
        new DatasetIndexer(Dataset.Open(_dir.Path)).IndexAsync(model ?? _model, new IndexOptions { CommitEvery = 4 });

    [Fact]
    public async Task First_run_embeds_everything_and_stores_the_same_vectors_the_model_gives()
    {
        var report = await Index();

        var dataset = Dataset.Open(_dir.Path);
        Assert.Equal(dataset.Items.Count, report.Embedded);
        Assert.Empty(report.Failures);
        var space = EmbeddingStore.For(dataset).LoadSpace("dinov2-tiny");
        Assert.Equal(dataset.Items.Select(i => i.Id), space.Ids);
        var expected = _model.EmbedImage(Path.Combine(_dir.Path, "photo_coffee.jpg"));
        VectorAssert.Close(expected, space.Vector(space.RowOf("photo_coffee.jpg")).ToArray(), 1e-6, "stored vector");
        Assert.Equal(64, space.Identity.Files["model.onnx"].Length);
    }

    [Fact]
    public async Task A_second_run_embeds_only_new_and_changed_files_and_drops_deleted_ones()
    {
        await Index();
        File.Copy(Path.Combine(_dir.Path, "photo_coffee.jpg"), Path.Combine(_dir.Path, "new_copy.jpg"));
        File.SetLastWriteTimeUtc(Path.Combine(_dir.Path, "gradient.png"), DateTime.UtcNow.AddMinutes(5));
        File.Delete(Path.Combine(_dir.Path, "thin.png"));

        var report = await Index();

        Assert.Equal(2, report.Embedded);
        Assert.Equal(1, report.Removed);
        Assert.Null(report.Invalidated);
        var space = EmbeddingStore.For(Dataset.Open(_dir.Path)).LoadSpace("dinov2-tiny");
        Assert.True(space.TryGetRow("new_copy.jpg", out _));
        Assert.False(space.TryGetRow("thin.png", out _));
        Assert.Equal(0, (await Index()).Embedded);
    }

    [Fact]
    public async Task Corrupt_files_are_recorded_and_skipped_and_retried_next_time()
    {
        File.WriteAllBytes(Path.Combine(_dir.Path, "broken.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var report = await Index();

        var failure = Assert.Single(report.Failures);
        Assert.Equal("broken.png", failure.Source);
        Assert.Equal(Dataset.Open(_dir.Path).Items.Count - 1, report.Embedded);
        var store = EmbeddingStore.For(Dataset.Open(_dir.Path));
        Assert.Equal("broken.png", Assert.Single(store.ReadFailures("dinov2-tiny")).Source);
        Assert.Single((await Index()).Failures);
    }

    [Fact]
    public async Task Changed_preprocessing_invalidates_the_space_and_says_so()
    {
        await Index();
        using var changed = EmbeddingModel.Open(FixturePaths.Model("dinov2-tiny"), new EmbeddingModelOptions
        {
            PreprocessOverride = c => c with { Mean = [0.4f, 0.4f, 0.4f] },
        });

        var report = await Index(changed);

        Assert.Contains("preprocessing", report.Invalidated);
        Assert.Equal(Dataset.Open(_dir.Path).Items.Count, report.Embedded);
    }

    [Fact]
    public async Task An_empty_dataset_is_a_typed_error()
    {
        using var empty = new TempDirectory();
        var error = await Assert.ThrowsAsync<DatasetException>(() => new DatasetIndexer(Dataset.Open(empty.Path)).IndexAsync(_model));
        Assert.Contains("no images found", error.Message);
    }
}
