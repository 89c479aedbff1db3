using Microsoft.ML.OnnxRuntime;

namespace ResearchKit.Models;

/// <summary>Creates ONNX Runtime sessions from <see cref="EncoderOptions"/>, with typed errors for missing files and providers.</summary>
public static class OnnxSessionFactory
{
    private static readonly Dictionary<string, string> ProviderNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cpu"] = "CPUExecutionProvider",
        ["cuda"] = "CUDAExecutionProvider",
        ["tensorrt"] = "TensorrtExecutionProvider",
        ["rocm"] = "ROCMExecutionProvider",
        ["dml"] = "DmlExecutionProvider",
        ["coreml"] = "CoreMLExecutionProvider",
        ["openvino"] = "OpenVINOExecutionProvider",
    };

    /// <summary>Provider names this ONNX Runtime build offers, as ORT spells them.</summary>
    public static IReadOnlyList<string> AvailableProviders() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>Opens <paramref name="modelPath"/> with the given options.</summary>
    /// <exception cref="ModelLoadException">The file is missing or not a valid ONNX graph.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">The provider is not in this runtime build, or it could not start.</exception>
    public static InferenceSession Create(string modelPath, EncoderOptions options)
    {
        if (!File.Exists(modelPath))
            throw new ModelLoadException(modelPath, "the ONNX file does not exist; the model directory is incomplete (download the model again, or use a complete directory).");
        if (new FileInfo(modelPath).Length == 0)
            throw new ModelLoadException(modelPath, "the ONNX file is empty (an interrupted download?); download it again.");
        // A missing or short *.onnx_data would otherwise surface as an opaque runtime error.
        OnnxExternalData.Require(modelPath);

        var sessionOptions = BuildSessionOptions(options);
        try
        {
            return new InferenceSession(modelPath, sessionOptions);
        }
        catch (OnnxRuntimeException e) when (IsProviderFailure(options.ExecutionProvider, e))
        {
            sessionOptions.Dispose();
            throw new ExecutionProviderUnavailableException(options.ExecutionProvider.Trim(), AvailableProviders(), e.Message, e);
        }
        catch (OnnxRuntimeException e)
        {
            sessionOptions.Dispose();
            throw new ModelLoadException(modelPath, $"ONNX Runtime cannot load it ({e.Message.Trim()}). The file may be corrupt or truncated: check it against its published size and SHA-256, or download it again.", e);
        }
    }

    private static SessionOptions BuildSessionOptions(EncoderOptions options)
    {
        var providerKey = options.ExecutionProvider.Trim();
        if (!ProviderNames.TryGetValue(providerKey, out var ortName))
            throw new ExecutionProviderUnavailableException(providerKey, [.. ProviderNames.Keys]);
        var available = AvailableProviders();
        if (!available.Contains(ortName))
            throw new ExecutionProviderUnavailableException(providerKey, available);

        var so = new SessionOptions
        {
            GraphOptimizationLevel = options.GraphOptimization,
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
        };
        // Idle intra-op threads spin by default, taking the cores that decode the next batch (docs/throughput.md).
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", options.IntraOpSpinning ? "1" : "0");
        try
        {
            switch (providerKey.ToLowerInvariant())
            {
                case "cuda": so.AppendExecutionProvider_CUDA(options.DeviceId); break;
                case "tensorrt": so.AppendExecutionProvider_Tensorrt(options.DeviceId); break;
                case "rocm": so.AppendExecutionProvider_ROCm(options.DeviceId); break;
                case "dml": so.AppendExecutionProvider_DML(options.DeviceId); break;
                case "coreml": so.AppendExecutionProvider_CoreML(); break;
                case "openvino": so.AppendExecutionProvider_OpenVINO(); break;
            }
        }
        catch (Exception e) when (e is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            // The provider is compiled in but its own library or what that needs (CUDA, cuDNN, a GPU) is missing.
            so.Dispose();
            throw new ExecutionProviderUnavailableException(providerKey, available, e.Message, e);
        }
        return so;
    }

    // A GPU provider that loaded but cannot run (no device, a CUDA library missing) fails at session creation;
    // ONNX Runtime's message then names the provider or CUDA, unlike a corrupt model's.
    private static bool IsProviderFailure(string provider, OnnxRuntimeException e) =>
        !provider.Trim().Equals("cpu", StringComparison.OrdinalIgnoreCase)
        && (e.Message.Contains("CUDA", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("cudnn", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("ExecutionProvider", StringComparison.OrdinalIgnoreCase) || e.Message.Contains(provider.Trim(), StringComparison.OrdinalIgnoreCase));
}
