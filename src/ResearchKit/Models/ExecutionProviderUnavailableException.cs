namespace ResearchKit.Models;

/// <summary>
/// The requested ONNX Runtime execution provider is not in this build of the runtime, or it is but could not
/// start (for CUDA: no GPU, or the CUDA and cuDNN libraries are missing). The message names what to install.
/// </summary>
public sealed class ExecutionProviderUnavailableException : ResearchKitException
{
    public ExecutionProviderUnavailableException(string requested, IReadOnlyList<string> available, string? startFailure = null, Exception? inner = null)
        : base(Describe(requested, available, startFailure), inner)
    {
        Requested = requested;
        Available = available;
        StartFailure = startFailure;
    }

    /// <summary>The provider's short name as given (cuda, tensorrt, ...).</summary>
    public string Requested { get; }

    /// <summary>The providers this runtime build has, as ONNX Runtime names them.</summary>
    public IReadOnlyList<string> Available { get; }

    /// <summary>ONNX Runtime's reason when the provider is in the build but failed to start; null when it is not in the build.</summary>
    public string? StartFailure { get; }

    /// <summary>What the provider needs, in words (the runtime package, then the machine); null for a name that is no provider.</summary>
    public string? Requirements => RequirementsOf(Requested) is { } r ? $"{r.Package}, and {r.Machine}" : null;

    /// <summary>
    /// What <paramref name="provider"/> (a short name) needs: the ONNX Runtime package the program must be built with, and
    /// what the machine must have; null when it is not a known provider.
    /// </summary>
    public static (string Package, string Machine)? RequirementsOf(string provider) => provider.Trim().ToLowerInvariant() switch
    {
        // From the CUDA package's native libraries (their NEEDED entries) and ONNX Runtime's CUDA provider requirements.
        "cuda" => ("the ONNX Runtime package Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0 (Linux x64) in place of Microsoft.ML.OnnxRuntime",
                   "an NVIDIA GPU with a driver for CUDA 13, and on the library path CUDA 13 (libcudart.so.13, libcublas.so.13, " +
                   "libcublasLt.so.13, libcurand.so.10) and cuDNN 9 for CUDA 13 (libcudnn.so.9)"),
        "tensorrt" => ("the ONNX Runtime package Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0", "TensorRT 10 plus everything the cuda provider needs"),
        "rocm" => ("an ONNX Runtime build with the ROCm provider (none is published on NuGet)", "AMD's ROCm libraries"),
        "dml" => ("the ONNX Runtime package Microsoft.ML.OnnxRuntime.DirectML", "Windows with a DirectX 12 GPU"),
        "coreml" => ("the ONNX Runtime package Microsoft.ML.OnnxRuntime (its osx-arm64 library has CoreML)", "macOS"),
        "openvino" => ("the ONNX Runtime package Intel.ML.OnnxRuntime.OpenVino", "Intel's OpenVINO runtime"),
        "cpu" => ("the default ONNX Runtime package Microsoft.ML.OnnxRuntime", "nothing more"),
        _ => null,
    };

    private static string Describe(string requested, IReadOnlyList<string> available, string? startFailure)
    {
        if (RequirementsOf(requested) is not { } needs)
            return $"'{requested}' is not an execution provider ResearchKit knows; use one of {string.Join(", ", available)}.";
        if (startFailure is not null)
            return $"Execution provider '{requested}' is in this ONNX Runtime build but could not start ({startFailure.Trim()}). It needs {needs.Machine}.";
        return $"Execution provider '{requested}' is not available in this ONNX Runtime build (available: {string.Join(", ", available)}). It needs {needs.Package}, and {needs.Machine}.";
    }
}
