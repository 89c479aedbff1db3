namespace ResearchKit.Embeddings.Storage;

/// <summary>A store file was written by a newer ResearchKit whose format this version cannot read.</summary>
public sealed class StoreVersionException : ResearchKitException
{
    public StoreVersionException(string path, int found, int supported)
        : base($"{path}: written with store schema {found}, but this ResearchKit reads up to schema {supported}. Upgrade ResearchKit, or re-index the dataset into a fresh store folder.")
    {
        Path = path;
    }

    public string Path { get; }
}
