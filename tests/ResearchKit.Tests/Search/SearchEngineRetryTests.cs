using ResearchKit.Models;
using ResearchKit.Search;

namespace ResearchKit.Tests.Search;

/// <summary>A model that fails to open is tried again on the next call, not rethrown from a cache for the engine's lifetime.</summary>
public sealed class SearchEngineRetryTests(IndexedDatasetFixture data) : IClassFixture<IndexedDatasetFixture>
{
    [Fact]
    public void A_failed_model_open_is_retried_on_the_next_call()
    {
        var attempts = 0;
        using var engine = SearchEngine.Open(data.Dataset, new SearchEngineOptions
        {
            ReadOnly = true,
            OpenModel = identity => ++attempts == 1
                ? throw new ModelLoadException(identity.ModelDirectory, "the folder is being copied (test).")
                : EmbeddingModel.Open(identity.ModelDirectory),
        });

        Assert.Throws<ModelLoadException>(() => engine.Model("siglip"));
        var model = engine.Model("siglip");

        Assert.Equal(2, attempts);
        Assert.Same(model, engine.Model("siglip"));
        Assert.NotEmpty(engine.SearchText("coffee", new SearchOptions { Target = "siglip", TopK = 3 }).Results);
    }
}
