namespace ResearchKit.Embeddings;

/// <summary>An item id that the dataset or space does not hold.</summary>
public sealed class UnknownItemException : ResearchKitException
{
    public UnknownItemException(string id, string where)
        : base($"no item '{id}' in {where}; ids are the metadata 'id' or the image path relative to the dataset folder (search results list them), and an item that failed to embed has no vector.")
    {
        Id = id;
    }

    public string Id { get; }
}
