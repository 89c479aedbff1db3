namespace ResearchKit.Search.Expansion;

/// <summary>A WordNet or Hunspell file exists but a line of it cannot be read in that file's format.</summary>
public sealed class LexiconFormatException : ResearchKitException
{
    public LexiconFormatException(string path, int line, string problem, Exception? inner = null)
        : base($"{path}:{line}: {problem}. The file may be truncated or in another format; reinstall it " +
               "(Debian: wordnet-base, hunspell-en-us) or pass a valid file.", inner)
    {
        Path = path;
        Line = line;
    }

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>1-based line number of the bad line (0 when the problem is not tied to one line).</summary>
    public int Line { get; }
}
