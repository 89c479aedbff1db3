namespace ResearchKit.Imaging;

/// <summary>A file could not be decoded as an image: empty, truncated, corrupt or an unknown format.</summary>
public sealed class ImageDecodeException : ResearchKitException
{
    public ImageDecodeException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        Source = source;
    }

    /// <summary>The file (or caller-given name) that failed.</summary>
    public new string Source { get; }
}
