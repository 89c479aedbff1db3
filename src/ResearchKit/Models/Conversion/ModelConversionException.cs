namespace ResearchKit.Models.Conversion;

/// <summary>A checkpoint could not be converted: a missing tool or file, a checkpoint the recipe does not support, or an export that failed its check.</summary>
public sealed class ModelConversionException : ResearchKitException
{
    public ModelConversionException(string path, string message, Exception? inner = null)
        : base($"Converting '{path}': {message}", inner) => Path = path;

    /// <summary>The checkpoint folder, tool or file at fault.</summary>
    public string Path { get; }
}
