namespace ResearchKit.Text;

/// <summary>A tokenizer file is missing, corrupt, or lacks what the model's tokenizer needs.</summary>
public sealed class TokenizerLoadException : ResearchKitException
{
    public TokenizerLoadException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The tokenizer file at fault.</summary>
    public string Path { get; }
}
