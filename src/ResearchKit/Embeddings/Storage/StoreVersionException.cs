namespace ResearchKit.Embeddings.Storage;

/// <summary>A store file was written in a format this version does not read: by a newer ResearchKit, or an older format it rebuilds.</summary>
public sealed class StoreVersionException : ResearchKitException
{
    public StoreVersionException(string path, int found, int supported, bool older = false)
        : base(older
            ? $"{path}: written in store format {found}, which predates checksums and concurrent writers (this ResearchKit reads format {supported}). Index the dataset again to rebuild the space."
            : $"{path}: written with store schema {found}, but this ResearchKit reads up to schema {supported}. Upgrade ResearchKit, or index into a fresh store folder.")
    {
        Path = path;
        Older = older;
    }

    public string Path { get; }

    /// <summary>True when the file is in an older format (indexing rebuilds it), false when a newer ResearchKit wrote it.</summary>
    public bool Older { get; }
}
