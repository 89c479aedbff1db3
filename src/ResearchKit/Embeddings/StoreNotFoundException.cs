namespace ResearchKit.Embeddings;

/// <summary>A folder holds no embedding store (no store.json): the dataset was never indexed there.</summary>
public sealed class StoreNotFoundException : ResearchKitException
{
    public StoreNotFoundException(string directory)
        : base($"{directory}: no embedding store here; index the dataset with a model first to build one.") => Directory = directory;

    /// <summary>The folder that was expected to hold the store.</summary>
    public string Directory { get; }
}
