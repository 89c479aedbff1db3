using ResearchKit.Embeddings;
using ResearchKit.Imaging;
using ResearchKit.Text;

namespace ResearchKit.Models;

/// <summary>
/// A loaded model: its directory, preprocessing, tokenizer and ONNX towers, each created on first use
/// so an image-only job never loads a tokenizer. Thread-safe.
/// </summary>
public sealed class EmbeddingModel : IDisposable
{
    private readonly EmbeddingModelOptions _options;
    private readonly Lazy<ImagePreprocessor> _preprocessor;
    private readonly Lazy<ITextTokenizer> _tokenizer;
    private readonly Lazy<OnnxImageEncoder> _imageEncoder;
    private readonly Lazy<OnnxTextEncoder> _textEncoder;
    private readonly Lazy<SpaceIdentity> _identity;

    private EmbeddingModel(ModelDirectory directory, EmbeddingModelOptions options)
    {
        Directory = directory;
        _options = options;
        _preprocessor = new(() => new ImagePreprocessor(PreprocessConfigFor(directory, options), options.ImageLoad));
        _tokenizer = new(() => TokenizerFor(directory));
        _imageEncoder = new(() => new OnnxImageEncoder(directory, options.Encoder));
        _textEncoder = new(() => new OnnxTextEncoder(directory, options.Encoder));
        _identity = new(() => SpaceIdentity.Compute(this));
    }

    /// <summary>Opens the model in <paramref name="directory"/>.</summary>
    /// <exception cref="ModelLoadException">The directory is missing or not a known layout.</exception>
    public static EmbeddingModel Open(string directory, EmbeddingModelOptions? options = null)
    {
        options ??= EmbeddingModelOptions.Default;
        return new EmbeddingModel(ModelDirectory.Open(directory, options.Encoder.Variant), options);
    }

    public ModelDirectory Directory { get; }
    public ModelFamily Family => Directory.Family;
    public string Name => Directory.Name;
    /// <summary>The caller's logit scale and bias (from the registry) where given, else the directory's <c>logit_params.json</c>.</summary>
    public LogitParameters? Logits => _options.Logits ?? Directory.Logits;
    public bool HasTextTower => Directory.TextModelPath is not null;

    public ImagePreprocessor Preprocessor => _preprocessor.Value;
    public ITextTokenizer Tokenizer => _tokenizer.Value;
    public IImageEncoder ImageEncoder => _imageEncoder.Value;
    public ITextEncoder TextEncoder => _textEncoder.Value;

    /// <summary>The options the model was opened with (runtime, image loading, preprocessing override).</summary>
    public EmbeddingModelOptions Options => _options;

    /// <summary>
    /// The identity of what produces this model's image vectors (files, family, dimension, preprocessing, image-load
    /// options, variant, pooling), computed once; stored vectors of another fingerprint are stale.
    /// </summary>
    public SpaceIdentity Identity => _identity.Value;

    /// <summary>Embeds one image file.</summary>
    public float[] EmbedImage(string path, bool normalize = true, CancellationToken cancellationToken = default)
    {
        var batch = ImageEncoder.Encode([Preprocessor.Process(path)], cancellationToken);
        return normalize ? batch.Normalized[0] : batch.Raw[0];
    }

    /// <summary>Embeds one text.</summary>
    public float[] EmbedText(string text, bool normalize = true, CancellationToken cancellationToken = default)
    {
        var batch = EmbedTexts([text], cancellationToken);
        return normalize ? batch.Normalized[0] : batch.Raw[0];
    }

    /// <summary>Embeds a batch of texts with the model's own tokenizer.</summary>
    public EmbeddingBatch EmbedTexts(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var encoder = TextEncoder;
        var tokenizer = Tokenizer;
        if (tokenizer.ContextLength != encoder.ContextLength)
            throw new ModelLoadException(Directory.Root, $"the tokenizer pads to {tokenizer.ContextLength} tokens but the text model takes {encoder.ContextLength}; the tokenizer files do not belong to this text model.");
        return encoder.Encode([.. texts.Select(tokenizer.Encode)], cancellationToken);
    }

    /// <summary>The preprocessing config for a directory: the file's own settings, then the caller override.</summary>
    public static PreprocessConfig PreprocessConfigFor(ModelDirectory directory, EmbeddingModelOptions? options = null)
    {
        var config = directory.Layout switch
        {
            ModelLayout.HuggingFace => PreprocessConfig.FromHuggingFace(directory.PreprocessConfigPath),
            ModelLayout.OpenClip => PreprocessConfig.FromOpenClip(directory.PreprocessConfigPath),
            ModelLayout.Immich => PreprocessConfig.FromImmich(directory.PreprocessConfigPath),
            _ => throw new ModelLoadException(directory.Root, $"no preprocessing reader for layout {directory.Layout}."),
        };
        return options?.PreprocessOverride is { } over ? over(config) : config;
    }

    /// <summary>The family's own tokenizer, read from the directory's tokenizer files.</summary>
    public static ITextTokenizer TokenizerFor(ModelDirectory directory)
    {
        // Immich's folders carry their own text rules (cleaning, pad token, context length), whatever the family.
        if (directory.Layout == ModelLayout.Immich) return ImmichTextTokenizer.FromDirectory(directory);
        var path = directory.TokenizerPath ?? throw new ModelLoadException(directory.Root, $"no tokenizer file found for this {directory.Family} model (expected spiece.model, tokenizer.model, tokenizer.json or vocab.json + merges.txt).");
        var context = directory.ContextLength;
        return directory.Family switch
        {
            ModelFamily.Siglip when path.EndsWith(".model", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal) => SiglipTokenizer.FromFile(path, context),
            ModelFamily.Siglip2 => GemmaTokenizer.FromFile(path, context),
            ModelFamily.Eva02Clip or ModelFamily.Clip when directory.MergesPath is not null => ClipTokenizer.FromVocabAndMerges(path, directory.MergesPath, context),
            ModelFamily.Eva02Clip or ModelFamily.Clip when path.EndsWith(".json", StringComparison.Ordinal) => ClipTokenizer.FromTokenizerJson(path, context),
            ModelFamily.Eva02Clip or ModelFamily.Clip when path.EndsWith(".gz", StringComparison.Ordinal) => ClipTokenizer.FromOpenClipBpe(path, context),
            _ => throw new ModelLoadException(path, $"ResearchKit cannot read this tokenizer file for a {directory.Family} model. SigLIP reads spiece.model or tokenizer.json, SigLIP 2 tokenizer.model or tokenizer.json, CLIP vocab.json + merges.txt, tokenizer.json or bpe_simple_vocab_16e6.txt.gz; copy one from the model's source repository."),
        };
    }

    public void Dispose()
    {
        if (_imageEncoder.IsValueCreated) _imageEncoder.Value.Dispose();
        if (_textEncoder.IsValueCreated) _textEncoder.Value.Dispose();
    }
}
