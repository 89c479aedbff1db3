using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Text;

/// <summary>
/// A Hugging Face <c>tokenizer.json</c> run as the tokenizers library runs it: added tokens found first, the rest
/// normalized, pre-tokenized and encoded by the Unigram or BPE model, truncated, framed by the post-processor's
/// special tokens, padded. Reads the SentencePiece-style files SigLIP (Unigram) and Gemma / SigLIP 2 (BPE with byte
/// fallback) ship. Immutable and thread-safe; <see cref="WithTruncation"/> and <see cref="WithPadding"/> return copies.
/// </summary>
public sealed class TokenizerJson
{
    private readonly TokenizerPipeline _pipeline;

    private TokenizerJson(TokenizerPipeline pipeline, TokenizerTruncation? truncation, TokenizerPadding? padding)
    {
        _pipeline = pipeline;
        Truncation = truncation;
        Padding = padding;
    }

    /// <summary>The file this tokenizer was read from.</summary>
    public string Path => _pipeline.Path;

    /// <summary>Whether the model is Unigram (SigLIP) or BPE (Gemma).</summary>
    public TokenizerModelKind Model => _pipeline.Model.Kind;

    /// <summary>The truncation applied by <see cref="Encode"/>, from the file unless replaced.</summary>
    public TokenizerTruncation? Truncation { get; }

    /// <summary>The padding applied by <see cref="Encode"/>, from the file unless replaced.</summary>
    public TokenizerPadding? Padding { get; }

    /// <summary>Special-token ids the post-processor puts before the text (e.g. Gemma's &lt;bos&gt;).</summary>
    public IReadOnlyList<int> PrefixSpecialIds => _pipeline.PostProcessor.Prefix;

    /// <summary>Special-token ids the post-processor puts after the text (e.g. SigLIP's &lt;/s&gt;).</summary>
    public IReadOnlyList<int> SuffixSpecialIds => _pipeline.PostProcessor.Suffix;

    /// <summary>Reads a tokenizer.json file.</summary>
    /// <exception cref="TokenizerLoadException">The file is missing, not JSON, damaged, or uses a model or component ResearchKit does not implement (e.g. WordPiece).</exception>
    public static TokenizerJson Load(string path)
    {
        using var doc = JsonFile.Parse(path, (problem, e) => new TokenizerLoadException(path, problem, e));
        var root = new TokenizerJsonNode(doc.RootElement, "", path);
        if (doc.RootElement.ValueKind != JsonValueKind.Object) throw root.Fail("the file is not a JSON object");
        if (!root.Has("model")) throw root.Fail("there is no \"model\" section (a tokenizer_config.json or vocab.json instead of tokenizer.json?)");
        var pipeline = TokenizerPipeline.FromJson(root);
        var truncation = ReadTruncation(root.Child("truncation"));
        var padding = ReadPadding(root.Child("padding"));
        if (truncation is not null && truncation.MaxLength < pipeline.PostProcessor.Count)
            throw root.Fail($"truncation.max_length {truncation.MaxLength} leaves no room for the template's {pipeline.PostProcessor.Count} special tokens");
        return new TokenizerJson(pipeline, truncation, padding);
    }

    /// <summary>A copy that truncates as given (null: no truncation), like the Rust library's <c>enable_truncation</c>.</summary>
    public TokenizerJson WithTruncation(TokenizerTruncation? truncation)
    {
        if (truncation is not null && truncation.MaxLength < _pipeline.PostProcessor.Count)
            throw new ArgumentOutOfRangeException(nameof(truncation), $"MaxLength {truncation.MaxLength} leaves no room for the {_pipeline.PostProcessor.Count} special tokens of {Path}.");
        return new(_pipeline, truncation, Padding);
    }

    /// <summary>A copy that pads as given (null: no padding), like the Rust library's <c>enable_padding</c>.</summary>
    public TokenizerJson WithPadding(TokenizerPadding? padding) => new(_pipeline, Truncation, padding);

    /// <summary>The ids of <paramref name="text"/>, with the post-processor's special tokens when <paramref name="addSpecialTokens"/>, truncated and padded as configured.</summary>
    public int[] Encode(string text, bool addSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _pipeline.EncodeContent(text);
        var special = _pipeline.PostProcessor;
        if (Truncation is { } t)
        {
            var room = t.MaxLength - (addSpecialTokens ? special.Count : 0);
            if (ids.Count > room)
            {
                if (t.Direction == TokenizerDirection.Right) ids.RemoveRange(room, ids.Count - room);
                else ids.RemoveRange(0, ids.Count - room);
            }
        }
        if (addSpecialTokens)
        {
            ids.InsertRange(0, special.Prefix);
            ids.AddRange(special.Suffix);
        }
        if (Padding is { } p)
        {
            var target = Math.Max(ids.Count, p.Length ?? 0);
            if (p.MultipleOf is > 0 and var multiple && target % multiple != 0) target += multiple - target % multiple;
            var fill = Enumerable.Repeat(p.PadId, target - ids.Count);
            if (p.Direction == TokenizerDirection.Right) ids.AddRange(fill);
            else ids.InsertRange(0, fill);
        }
        return [.. ids];
    }

    /// <summary>The id of a token (added tokens first, then the model's vocabulary), or null.</summary>
    public int? TokenToId(string token) => _pipeline.Added.TokenToId(token) ?? _pipeline.Model.TokenToId(token);

    /// <summary>The token with id <paramref name="id"/>, or null.</summary>
    public string? IdToToken(int id) => _pipeline.Model.IdToToken(id) ?? _pipeline.AddedToken(id);

    private static TokenizerTruncation? ReadTruncation(TokenizerJsonNode node)
    {
        if (node.IsNull) return null;
        var max = node.Int("max_length");
        if (max < 0) throw node.Fail($"{node.Location}.max_length is negative");
        return new TokenizerTruncation(max, Direction(node));
    }

    private static TokenizerPadding? ReadPadding(TokenizerJsonNode node)
    {
        if (node.IsNull) return null;
        var strategy = node.Child("strategy");
        // "BatchLongest" pads a batch to its longest member; a single text is its own longest.
        int? length = strategy.Element.ValueKind == JsonValueKind.Object ? strategy.Int("Fixed") : null;
        return new TokenizerPadding(length, node.OptionalInt("pad_id") ?? 0, node.OptionalString("pad_token") ?? "", Direction(node), node.OptionalInt("pad_to_multiple_of"));
    }

    private static TokenizerDirection Direction(TokenizerJsonNode node) => node.OptionalString("direction") switch
    {
        null or "Right" => TokenizerDirection.Right,
        "Left" => TokenizerDirection.Left,
        var other => throw node.Fail($"{node.Location}.direction is '{other}', not Left or Right"),
    };
}
