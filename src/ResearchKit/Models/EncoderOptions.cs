using Microsoft.ML.OnnxRuntime;

namespace ResearchKit.Models;

/// <summary>How ONNX Runtime sessions are created for a model.</summary>
public sealed record EncoderOptions
{
    /// <summary>Execution provider by short name: cpu (default), cuda, tensorrt, rocm, dml, coreml, openvino.</summary>
    public string ExecutionProvider { get; init; } = "cpu";

    /// <summary>Threads inside one operator; 0 lets ONNX Runtime choose (all physical cores).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>
    /// Whether ONNX Runtime's idle intra-op threads spin waiting for work (its own default) instead of sleeping. Off
    /// by default: images are decoded on the same cores while the encoder runs, and spinning threads take them
    /// (benchmarks/results/spinning.md: decode-bound tiny models up to 30% faster without; a ViT-B within 3%).
    /// </summary>
    public bool IntraOpSpinning { get; init; }

    /// <summary>Threads across independent operators; 0 lets ONNX Runtime choose.</summary>
    public int InterOpThreads { get; init; }

    public GraphOptimizationLevel GraphOptimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>CUDA/ROCm device index where a GPU provider is used.</summary>
    public int DeviceId { get; init; }

    /// <summary>
    /// Which file variant of a Hugging Face export to load: null for the plain fp32 file, else the
    /// optimum suffix (quantized, fp16, int8, uint8, q4, q4f16, bnb4).
    /// </summary>
    public string? Variant { get; init; }

    /// <summary>DINOv2 image embedding: CLS token (default, what HF's pooler returns) or CLS plus mean patch token.</summary>
    public EmbeddingPooling DinoPooling { get; init; } = EmbeddingPooling.ClsToken;

    public static EncoderOptions Default { get; } = new();
}
