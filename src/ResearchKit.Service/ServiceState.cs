using ResearchKit.Datasets;
using ResearchKit.Deployment;
using ResearchKit.Search;

namespace ResearchKit.Service;

/// <summary>
/// One loaded generation of the service: the config, the search options it implies and a read-only engine on the
/// store. Requests take the current state once and keep it, so a hot reload never changes a request midway.
/// </summary>
public sealed class ServiceState : IDisposable
{
    private ServiceState(SearchConfig config, SearchEngine engine, int generation)
    {
        Config = config;
        Engine = engine;
        Options = SearchConfigMapping.ToOptions(config);
        Generation = generation;
    }

    public SearchConfig Config { get; }
    public SearchEngine Engine { get; }
    public SearchOptions Options { get; }
    public int Generation { get; }

    /// <summary>Loads the config and the store and checks the store's model hashes against the config.</summary>
    /// <exception cref="SearchConfigException">The config is unusable or names other models than the store holds.</exception>
    public static ServiceState Load(ServiceOptions options, int generation)
    {
        var config = SearchConfig.Load(options.ConfigPath);
        var dataset = Dataset.Open(options.Dataset, new DatasetOptions { StoreDirectory = options.StoreDirectory });
        var engine = new SearchEngine(Embeddings.EmbeddingStore.For(dataset), dataset.Root, new SearchEngineOptions { ReadOnly = true });
        try
        {
            SearchConfigMapping.VerifyModels(config, engine, options.ConfigPath);
            // Load vectors and models now, not on the first request.
            foreach (var space in config.Spaces) _ = engine.Space(space.Name);
            return new ServiceState(config, engine, generation);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    public void Dispose() => Engine.Dispose();
}
