using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Models;

namespace ResearchKit.Tests.Search;

/// <summary>The fixture images indexed once with the tiny SigLIP and DINOv2 models, shared by the search tests.</summary>
public sealed class IndexedDatasetFixture : IDisposable
{
    private readonly TempDirectory _dir = new();

    public IndexedDatasetFixture()
    {
        Embeddings.TestDatasets.WriteFixtureImages(_dir.Path);
        var indexer = new DatasetIndexer(Dataset.Open(_dir.Path));
        foreach (var (space, model) in new[] { ("siglip", "siglip-tiny"), ("dinov2", "dinov2-tiny") })
        {
            using var m = EmbeddingModel.Open(FixturePaths.Model(model));
            indexer.IndexAsync(m, new IndexOptions { Space = space }).GetAwaiter().GetResult();
        }
    }

    public string Root => _dir.Path;

    public Dataset Dataset => Dataset.Open(_dir.Path);

    public void Dispose() => _dir.Dispose();
}
