namespace ResearchKit.Models;

/// <summary>The requested ONNX Runtime execution provider is not in this build of the runtime.</summary>
public sealed class ExecutionProviderUnavailableException : ResearchKitException
{
    public ExecutionProviderUnavailableException(string requested, IReadOnlyList<string> available)
        : base($"Execution provider '{requested}' is not available in this ONNX Runtime build " +
               $"(available: {string.Join(", ", available)}). Use --provider cpu, or install the matching " +
               "runtime package (e.g. Microsoft.ML.OnnxRuntime.Gpu for cuda).")
    {
        Requested = requested;
        Available = available;
    }

    public string Requested { get; }
    public IReadOnlyList<string> Available { get; }
}
