using ResearchKit.Imaging;

namespace ResearchKit.Models;

/// <summary>Everything a caller may override when opening a model; unset parts come from the model directory.</summary>
public sealed record EmbeddingModelOptions
{
    public EncoderOptions Encoder { get; init; } = EncoderOptions.Default;

    /// <summary>Decoding options: EXIF orientation (off by default, like the reference processors) and the pixel limit.</summary>
    public ImageLoadOptions ImageLoad { get; init; } = new();

    /// <summary>
    /// Caller override applied last, after defaults and the model's own config
    /// (the documented order: defaults -> model config -> caller override).
    /// </summary>
    public Func<PreprocessConfig, PreprocessConfig>? PreprocessOverride { get; init; }

    /// <summary>
    /// SigLIP logit scale and bias from outside the directory (the registry records the checkpoint's values,
    /// which the ONNX towers do not carry); null uses the directory's <c>logit_params.json</c>, if any.
    /// </summary>
    public LogitParameters? Logits { get; init; }

    public static EmbeddingModelOptions Default { get; } = new();
}
