using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Models;

/// <summary>
/// What a model directory holds, found by looking at its files: the layout, the family, which ONNX
/// file serves each tower, where the preprocessing and tokenizer come from, and which output is the
/// embedding. Reads Hugging Face/optimum exports, open_clip-style exports and Immich's folders.
/// </summary>
public sealed record ModelDirectory
{
    public required string Root { get; init; }
    public required ModelLayout Layout { get; init; }
    public required ModelFamily Family { get; init; }
    /// <summary>ONNX file of the image tower, or null for a text-only export.</summary>
    public string? ImageModelPath { get; init; }
    /// <summary>ONNX file of the text tower, or null for image-only models (DINOv2).</summary>
    public string? TextModelPath { get; init; }
    /// <summary>The preprocessing config file: preprocessor_config.json, open_clip_config.json or preprocess_cfg.json.</summary>
    public required string PreprocessConfigPath { get; init; }
    /// <summary>The tokenizer file (spiece.model, tokenizer.model/json, vocab.json), or null without a text tower.</summary>
    public string? TokenizerPath { get; init; }
    /// <summary>CLIP BPE merges file when the tokenizer is vocab.json + merges.txt.</summary>
    public string? MergesPath { get; init; }
    /// <summary>Tokens before the patch tokens in DINOv2 sequences (CLS plus registers).</summary>
    public int PrefixTokens { get; init; } = 1;
    /// <summary>True when the exported graphs already L2-normalise their outputs (Immich).</summary>
    public bool OutputsNormalized { get; init; }
    /// <summary>Text context length the text tower was exported with.</summary>
    public int ContextLength { get; init; }
    /// <summary>SigLIP-style logit scale and bias shipped with the model, or null where the directory has none.</summary>
    public LogitParameters? Logits { get; init; }
    /// <summary>Immich: <c>textual/tokenizer_config.json</c>, whose <c>pad_token</c> pads the text; null elsewhere.</summary>
    public string? TokenizerConfigPath { get; init; }
    /// <summary>Immich: the model config (<c>config.json</c>, open_clip's) the text rules come from; null elsewhere.</summary>
    public string? ModelConfigPath { get; init; }
    /// <summary>Immich: true when <c>text_cfg.tokenizer_kwargs.clean</c> is "canonicalize" (ASCII punctuation removed, lowercased).</summary>
    public bool CanonicalizeText { get; init; }

    /// <summary>A short name for messages and identities: the directory's name.</summary>
    public string Name => System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Root));

    /// <summary>Inspects <paramref name="root"/> and describes the model in it.</summary>
    /// <param name="root">The model directory.</param>
    /// <param name="variant">Optional optimum file variant (quantized, fp16, ...) for Hugging Face exports.</param>
    /// <exception cref="ModelLoadException">The directory is missing or its layout is not recognised.</exception>
    public static ModelDirectory Open(string root, string? variant = null)
    {
        if (!Directory.Exists(root))
            throw new ModelLoadException(root, "the directory does not exist; a model is a folder holding its ONNX files and their config files.");
        root = System.IO.Path.GetFullPath(root);

        if (File.Exists(System.IO.Path.Combine(root, "visual", "model.onnx")))
            return OpenImmich(root);
        if (File.Exists(System.IO.Path.Combine(root, "visual.onnx")) || File.Exists(System.IO.Path.Combine(root, "open_clip_config.json")))
            return OpenOpenClip(root);
        if (File.Exists(System.IO.Path.Combine(root, "config.json")))
            return OpenHuggingFace(root, variant);

        throw new ModelLoadException(root, "no known layout: expected config.json (Hugging Face export), visual.onnx + open_clip_config.json (open_clip), or visual/model.onnx (Immich).");
    }

    private static ModelDirectory OpenHuggingFace(string root, string? variant)
    {
        using var config = ReadJson(System.IO.Path.Combine(root, "config.json"));
        var modelType = config.RootElement.TryGetProperty("model_type", out var mt) ? mt.GetString() ?? "" : "";
        var preprocess = Require(root, "preprocessor_config.json");

        switch (modelType)
        {
            case "siglip" or "siglip2":
            {
                var gemma = FirstExisting(root, "tokenizer.model", "tokenizer.json");
                var spiece = FirstExisting(root, "spiece.model");
                // SigLIP 2's fixed-resolution checkpoints reuse SigLIP's architecture (model_type "siglip")
                // but ship Gemma's tokenizer; the tokenizer tells the two apart.
                // tokenizer_config.json says which tokenizer it is when present; only without it do the files decide.
                var family = modelType == "siglip2" ? ModelFamily.Siglip2
                    : TokenizerClass(root) is { } cls ? (cls.Contains("Gemma", StringComparison.Ordinal) ? ModelFamily.Siglip2 : ModelFamily.Siglip)
                    : spiece is null && gemma is not null ? ModelFamily.Siglip2 : ModelFamily.Siglip;
                var text = config.RootElement.TryGetProperty("text_config", out var tc) ? tc : default;
                return new ModelDirectory
                {
                    Root = root,
                    Layout = ModelLayout.HuggingFace,
                    Family = family,
                    ImageModelPath = FindOnnx(root, "vision_model", variant),
                    TextModelPath = FindOnnx(root, "text_model", variant),
                    PreprocessConfigPath = preprocess,
                    TokenizerPath = family == ModelFamily.Siglip2 ? gemma ?? spiece : spiece ?? gemma,
                    ContextLength = ReadInt(text, "max_position_embeddings") ?? 64,
                    Logits = LogitParameters.TryRead(root),
                };
            }
            case "dinov2" or "dinov2_with_registers":
            {
                var registers = ReadInt(config.RootElement, "num_register_tokens") ?? 0;
                return new ModelDirectory
                {
                    Root = root,
                    Layout = ModelLayout.HuggingFace,
                    Family = ModelFamily.Dinov2,
                    ImageModelPath = FindOnnx(root, "model", variant) ?? FindOnnx(root, "vision_model", variant),
                    PreprocessConfigPath = preprocess,
                    PrefixTokens = 1 + registers,
                };
            }
            default:
                throw new ModelLoadException(root, $"config.json has model_type '{modelType}', which ResearchKit does not support (siglip, siglip2, dinov2, dinov2_with_registers; EVA02-CLIP comes in open_clip or Immich layout).");
        }
    }

    private static ModelDirectory OpenOpenClip(string root)
    {
        var configPath = Require(root, "open_clip_config.json");
        var imageModel = FirstExisting(root, "visual.onnx");
        var textModel = FirstExisting(root, "textual.onnx");
        if (imageModel is null && textModel is null && FirstExisting(root, "open_clip_model.safetensors", "open_clip_pytorch_model.bin") is { } weights)
            throw new ModelLoadException(root, $"this is an open_clip PyTorch checkpoint ({System.IO.Path.GetFileName(weights)}), not an ONNX export; "
                + "convert it to ONNX once (visual.onnx and textual.onnx beside the checkpoint), then load the folder again.") { NeedsConversion = true };
        using var config = ReadJson(configPath);
        // The hub's open_clip_config.json nests the model under model_cfg (beside preprocess_cfg); open_clip's own model configs do not.
        var model = config.RootElement.TryGetProperty("model_cfg", out var mc) && mc.ValueKind == JsonValueKind.Object ? mc : config.RootElement;
        var timm = model.TryGetProperty("vision_cfg", out var vc) && vc.TryGetProperty("timm_model_name", out var tm) ? tm.GetString() ?? "" : "";
        var text = model.TryGetProperty("text_cfg", out var tc) ? tc : default;
        var vocab = FirstExisting(root, "vocab.json", "tokenizer.json", "bpe_simple_vocab_16e6.txt.gz");
        return new ModelDirectory
        {
            Root = root,
            Layout = ModelLayout.OpenClip,
            Family = timm.Contains("eva02", StringComparison.OrdinalIgnoreCase) || root.Contains("EVA02", StringComparison.OrdinalIgnoreCase) ? ModelFamily.Eva02Clip : ModelFamily.Clip,
            ImageModelPath = imageModel,
            TextModelPath = textModel,
            PreprocessConfigPath = configPath,
            TokenizerPath = vocab,
            MergesPath = vocab is not null && vocab.EndsWith("vocab.json", StringComparison.Ordinal) ? Require(root, "merges.txt") : null,
            ContextLength = ReadInt(text, "context_length") ?? 77,
        };
    }

    private static ModelDirectory OpenImmich(string root)
    {
        // Immich names folders after the open_clip model (ViT-SO400M-14-SigLIP-384__webli); in a hub cache
        // the folder is a commit hash, so the repository part of the path and config.json count too.
        var name = root;
        int? context = null;
        var canonicalize = false;
        var configPath = System.IO.Path.Combine(root, "config.json");
        var hasConfig = File.Exists(configPath);
        if (hasConfig)
        {
            using var config = ReadJson(configPath);
            if (config.RootElement.ValueKind == JsonValueKind.Object && config.RootElement.TryGetProperty("text_cfg", out var tc) && tc.ValueKind == JsonValueKind.Object)
            {
                context = ReadInt(tc, "context_length");
                canonicalize = tc.TryGetProperty("tokenizer_kwargs", out var kw) && kw.ValueKind == JsonValueKind.Object
                    && kw.TryGetProperty("clean", out var clean) && clean.ValueKind == JsonValueKind.String && clean.GetString() == "canonicalize";
            }
            name += "|" + config.RootElement.GetRawText();
        }
        var isSiglip = name.Contains("siglip", StringComparison.OrdinalIgnoreCase);
        var textual = System.IO.Path.Combine(root, "textual");
        return new ModelDirectory
        {
            Root = root,
            Layout = ModelLayout.Immich,
            Family = isSiglip ? (name.Contains("siglip2", StringComparison.OrdinalIgnoreCase) ? ModelFamily.Siglip2 : ModelFamily.Siglip)
                : name.Contains("eva02", StringComparison.OrdinalIgnoreCase) ? ModelFamily.Eva02Clip : ModelFamily.Clip,
            ImageModelPath = System.IO.Path.Combine(root, "visual", "model.onnx"),
            TextModelPath = FirstExisting(textual, "model.onnx"),
            PreprocessConfigPath = Require(System.IO.Path.Combine(root, "visual"), "preprocess_cfg.json"),
            TokenizerPath = FirstExisting(textual, "tokenizer.json"),
            TokenizerConfigPath = System.IO.Path.Combine(textual, "tokenizer_config.json"),
            ModelConfigPath = hasConfig ? configPath : null,
            CanonicalizeText = canonicalize,
            OutputsNormalized = true,
            // Immich reads text_cfg.get("context_length", 77).
            ContextLength = context ?? 77,
        };
    }

    /// <summary>The Hugging Face export file for a tower, preferring the requested optimum variant.</summary>
    private static string? FindOnnx(string root, string stem, string? variant)
    {
        var file = variant is null ? stem + ".onnx" : $"{stem}_{variant}.onnx";
        var found = FirstExisting(root, file, System.IO.Path.Combine("onnx", file));
        if (found is null && variant is not null && FirstExisting(root, stem + ".onnx", System.IO.Path.Combine("onnx", stem + ".onnx")) is not null)
            throw new ModelLoadException(root, $"variant '{variant}' of {stem}.onnx is not in this directory, only the fp32 file: ask for no variant, or download the variant's file.") { Variant = variant };
        return found;
    }

    private static string? TokenizerClass(string root)
    {
        var path = System.IO.Path.Combine(root, "tokenizer_config.json");
        if (!File.Exists(path)) return null;
        using var doc = ReadJson(path);
        return doc.RootElement.TryGetProperty("tokenizer_class", out var c) ? c.GetString() : null;
    }

    private static string? FirstExisting(string root, params string[] names)
    {
        foreach (var name in names)
        {
            var path = System.IO.Path.Combine(root, name);
            if (File.Exists(path)) return path;
        }
        return null;
    }

    private static string Require(string root, string name) =>
        FirstExisting(root, name) ?? throw new ModelLoadException(root, $"'{name}' is missing from the model directory; re-download the model or copy the file from its source repository.");

    private static int? ReadInt(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    internal static JsonDocument ReadJson(string path) => JsonFile.Parse(path, (problem, e) => new ModelLoadException(path, problem, e));
}
