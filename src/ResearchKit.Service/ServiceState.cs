using ResearchKit.Datasets;
using ResearchKit.Deployment;
using ResearchKit.Search;

namespace ResearchKit.Service;

/// <summary>
/// One loaded generation of the service: the config, the search options it implies and a read-only engine on the
/// store, with its models open. Requests hold a reference (<see cref="ServiceStateLease"/>) for as long as they run;
/// the engine is disposed when the holder has swapped in a newer generation and the last request has let go, never
/// on a timer while a request may still use it.
/// </summary>
public sealed class ServiceState
{
    private int _references = 1; // the holder's

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

    /// <summary>True once the last reference is gone and the engine has been disposed.</summary>
    public bool IsReleased => Volatile.Read(ref _references) == 0;

    /// <summary>Loads the config and the store, checks the store's model hashes against the config, and opens every model.</summary>
    /// <exception cref="SearchConfigException">The config is unusable or names other models than the store holds.</exception>
    /// <exception cref="ResearchKitException">A space or a model cannot be opened.</exception>
    public static ServiceState Load(ServiceOptions options, int generation)
    {
        var config = SearchConfig.Load(options.ConfigPath);
        var dataset = Dataset.Open(options.Dataset, new DatasetOptions { StoreDirectory = options.StoreDirectory });
        var engine = new SearchEngine(Embeddings.EmbeddingStore.For(dataset), dataset.Root, new SearchEngineOptions { ReadOnly = true });
        try
        {
            SearchConfigMapping.VerifyModels(config, engine, options.ConfigPath);
            // Vectors and models now: a generation that cannot open its model fails its load (the old one keeps
            // serving and the next reload tries again) instead of failing every request it would have served.
            foreach (var space in config.Spaces)
            {
                _ = engine.Space(space.Name);
                _ = engine.Model(space.Name);
            }
            return new ServiceState(config, engine, generation);
        }
        catch
        {
            engine.Dispose();
            throw;
        }
    }

    /// <summary>Takes a reference unless the state is already released (then the caller reads the holder's newer one).</summary>
    internal bool TryAcquire()
    {
        while (true)
        {
            var count = Volatile.Read(ref _references);
            if (count == 0) return false;
            if (Interlocked.CompareExchange(ref _references, count + 1, count) == count) return true;
        }
    }

    /// <summary>Drops a reference; the last one disposes the engine.</summary>
    internal void Release()
    {
        if (Interlocked.Decrement(ref _references) == 0) Engine.Dispose();
    }
}
