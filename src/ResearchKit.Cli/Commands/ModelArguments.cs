using System.CommandLine;
using ResearchKit.Imaging;
using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Cli.Commands;

/// <summary>The options every model-using command shares: which model, which runtime settings.</summary>
public sealed class ModelArguments
{
    public Option<string> Model { get; } = new("--model", "-m")
    {
        Description = "Model directory, or a registry name: an embedded model (siglip-emoji, dinov2-emoji, eva02-clip-emoji) or one pulled with `researchkit models pull`.",
        Required = true,
    };

    public Option<string> Provider { get; } = new("--provider")
    {
        Description = "ONNX Runtime execution provider: cpu, cuda, tensorrt, rocm, dml, coreml, openvino.",
        DefaultValueFactory = _ => "cpu",
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Intra-op threads for ONNX Runtime (0 = runtime default).",
    };

    public Option<bool> Spin { get; } = new("--spin")
    {
        Description = "Let ONNX Runtime's idle threads spin (its default) instead of sleeping; off leaves the cores to image decoding.",
    };

    public Option<string?> Variant { get; } = new("--variant")
    {
        Description = "Graph variant of a Hugging Face export (fp16, quantized, int8, uint8, q4, q4f16, bnb4; `researchkit models list` shows each model's). Quantized graphs can embed far from fp32.",
    };

    public Option<string?> Registry { get; } = new("--registry")
    {
        Description = "Registry file to look model names up in instead of the one shipped with the tool.",
    };

    public Option<string?> CacheDir { get; } = new("--cache-dir")
    {
        Description = "Hugging Face hub cache pulled models are in (default: $HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub).",
    };

    public Option<bool> ExifOrientation { get; } = new("--exif-orientation")
    {
        Description = "Rotate images by their EXIF orientation tag before preprocessing (the reference processors do not).",
    };

    public Option<bool> Draft { get; } = new("--draft")
    {
        Description = "Decode large JPEGs at 1/2, 1/4 or 1/8 scale before the exact resize, as Pillow's Image.draft (2-3x faster on 12-megapixel photos; embeddings differ slightly from the reference's, and the space records it).",
    };

    public void AddTo(Command command, bool includeModel = true)
    {
        if (includeModel) command.Options.Add(Model);
        command.Options.Add(Provider);
        command.Options.Add(Threads);
        command.Options.Add(Spin);
        command.Options.Add(Variant);
        command.Options.Add(Registry);
        command.Options.Add(CacheDir);
        command.Options.Add(ExifOrientation);
        command.Options.Add(Draft);
    }

    /// <summary>
    /// Opens the model the options name (or <paramref name="model"/>, a directory or registry name, with the same
    /// runtime settings). A registry name brings its recorded logit scale and bias; a variant with a known quality
    /// caution is announced on <paramref name="warnings"/>.
    /// </summary>
    public EmbeddingModel Open(ParseResult parse, string? model = null, TextWriter? warnings = null)
    {
        var variant = parse.GetValue(Variant);
        var located = ShippedFiles.Tool.LocateModel(model ?? parse.GetValue(Model)!, parse.GetValue(Registry), parse.GetValue(CacheDir), variant);
        if (located.Variant?.Caution is { } caution)
            warnings?.WriteLine($"warning: {located.Entry!.Name} variant {located.Variant.Name}: {caution}");
        var options = new EmbeddingModelOptions
        {
            Encoder = EncoderOptions.Default with
            {
                ExecutionProvider = parse.GetValue(Provider) ?? "cpu",
                IntraOpThreads = parse.GetValue(Threads),
                IntraOpSpinning = parse.GetValue(Spin),
                Variant = variant,
            },
            ImageLoad = new ImageLoadOptions { ApplyExifOrientation = parse.GetValue(ExifOrientation), Draft = parse.GetValue(Draft) },
            Logits = located.Entry?.Logits,
        };
        return EmbeddingModel.Open(located.Directory, options);
    }
}
