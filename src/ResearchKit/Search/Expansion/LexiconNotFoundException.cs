namespace ResearchKit.Search.Expansion;

/// <summary>A WordNet database or Hunspell dictionary is not where it was looked for.</summary>
public sealed class LexiconNotFoundException : ResearchKitException
{
    public LexiconNotFoundException(string path, string what)
        : base($"{path}: {what} not found. Install the WordNet 3.0 database and the en_US Hunspell " +
               "dictionary (Debian: wordnet-base, hunspell-en-us), or pass the directory (or .aff/.dic files) that hold them.")
    {
        Path = path;
    }

    /// <summary>The missing file or directory.</summary>
    public string Path { get; }
}
