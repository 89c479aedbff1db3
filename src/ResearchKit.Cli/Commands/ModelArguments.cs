using System.CommandLine;
using ResearchKit.Imaging;
using ResearchKit.Models;

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

    public Option<string?> Variant { get; } = new("--variant")
    {
        Description = "Optimum file variant of a Hugging Face export: quantized, fp16, int8, uint8, q4, q4f16, bnb4.",
    };

    public Option<bool> ExifOrientation { get; } = new("--exif-orientation")
    {
        Description = "Rotate images by their EXIF orientation tag before preprocessing (the reference processors do not).",
    };

    public void AddTo(Command command, bool includeModel = true)
    {
        if (includeModel) command.Options.Add(Model);
        command.Options.Add(Provider);
        command.Options.Add(Threads);
        command.Options.Add(Variant);
        command.Options.Add(ExifOrientation);
    }

    /// <summary>Opens the model the options name (or <paramref name="model"/>, a directory or registry name, with the same runtime settings).</summary>
    public EmbeddingModel Open(ParseResult parse, string? model = null)
    {
        var options = new EmbeddingModelOptions
        {
            Encoder = EncoderOptions.Default with
            {
                ExecutionProvider = parse.GetValue(Provider) ?? "cpu",
                IntraOpThreads = parse.GetValue(Threads),
                Variant = parse.GetValue(Variant),
            },
            ImageLoad = new ImageLoadOptions { ApplyExifOrientation = parse.GetValue(ExifOrientation) },
        };
        return EmbeddingModel.Open(ShippedFiles.Tool.ResolveModel(model ?? parse.GetValue(Model)!), options);
    }
}
