namespace ResearchKit.Models;

/// <summary>A model directory or file is missing, unreadable, or not a layout ResearchKit knows.</summary>
public sealed class ModelLoadException : ResearchKitException
{
    public ModelLoadException(string path, string message, Exception? inner = null)
        : base($"Model '{path}': {message}", inner) => Path = path;

    /// <summary>The model directory or file at fault.</summary>
    public string Path { get; }

    /// <summary>The file variant that was asked for and is missing, when that is the fault.</summary>
    public string? Variant { get; init; }

    /// <summary>The space whose recorded model is gone, when that is the fault.</summary>
    public string? Space { get; init; }

    /// <summary>The folder holds a PyTorch checkpoint that must be converted to ONNX once before it loads.</summary>
    public bool NeedsConversion { get; init; }
}
