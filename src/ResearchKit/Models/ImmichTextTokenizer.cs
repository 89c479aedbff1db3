using System.Text;
using System.Text.Json;
using ResearchKit.IO;
using ResearchKit.Text;

namespace ResearchKit.Models;

/// <summary>
/// The text side of an Immich model folder, as Immich's machine-learning service runs it: whitespace runs
/// collapsed (Python's <c>" ".join(text.split())</c>), then, when <c>config.json</c>'s
/// <c>text_cfg.tokenizer_kwargs.clean</c> is "canonicalize", ASCII punctuation removed and the text lowercased;
/// encoded with <c>textual/tokenizer.json</c> (its own normalizer and post-processor), truncated to
/// <c>text_cfg.context_length</c> and padded to it with the <c>pad_token</c> of <c>textual/tokenizer_config.json</c>.
/// </summary>
public sealed class ImmichTextTokenizer : ITextTokenizer
{
    private const string AsciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private readonly TokenizerJson _tokenizer;

    private ImmichTextTokenizer(TokenizerJson tokenizer, int contextLength, int padId, bool canonicalize)
    {
        _tokenizer = tokenizer;
        ContextLength = contextLength;
        PadId = padId;
        Canonicalize = canonicalize;
    }

    public int ContextLength { get; }

    /// <summary>The id the text is padded with: the <c>pad_token</c> of tokenizer_config.json, looked up in tokenizer.json.</summary>
    public int PadId { get; }

    /// <summary>True when punctuation is stripped and the text lowercased before encoding.</summary>
    public bool Canonicalize { get; }

    /// <summary>Reads an Immich folder's text rules: the tokenizer.json, the pad token, the context length and the cleaning mode.</summary>
    /// <exception cref="ModelLoadException">tokenizer.json or tokenizer_config.json is missing, or the pad token is not in the vocabulary.</exception>
    /// <exception cref="TokenizerLoadException">tokenizer.json cannot be read.</exception>
    public static ImmichTextTokenizer FromDirectory(ModelDirectory directory)
    {
        var folder = System.IO.Path.Combine(directory.Root, "textual");
        var tokenizerPath = directory.TokenizerPath
            ?? throw new ModelLoadException(folder, "'tokenizer.json' is missing from textual/; Immich's text tower needs it. Pull the model again or copy the file from its repository.");
        var configPath = directory.TokenizerConfigPath ?? System.IO.Path.Combine(folder, "tokenizer_config.json");
        if (!File.Exists(configPath))
            throw new ModelLoadException(configPath, "the file is missing; Immich pads the text with its pad_token. Pull the model again or copy the file from its repository.");
        if (directory.ModelConfigPath is null)
            throw new ModelLoadException(System.IO.Path.Combine(directory.Root, "config.json"), "the file is missing; Immich reads the text context length and cleaning from its text_cfg. Pull the model again or copy the file from its repository.");
        var tokenizer = TokenizerJson.Load(tokenizerPath);
        var padToken = PadToken(configPath);
        var padId = tokenizer.TokenToId(padToken)
            ?? throw new ModelLoadException(configPath, $"pad_token '{padToken}' is not a token of {tokenizerPath}; the two files do not belong together. Re-download the textual/ folder.");
        var context = directory.ContextLength;
        tokenizer = tokenizer
            .WithTruncation(new TokenizerTruncation(context))
            .WithPadding(new TokenizerPadding(context, padId, padToken));
        return new ImmichTextTokenizer(tokenizer, context, padId, directory.CanonicalizeText);
    }

    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.Encode(Clean(text, Canonicalize));
        // Truncation and padding make every sequence exactly the context length.
        System.Diagnostics.Debug.Assert(ids.Length == ContextLength);
        return ids;
    }

    /// <summary>Immich's <c>clean_text</c>: Python's whitespace split and join, then optional punctuation removal and lowercasing.</summary>
    public static string Clean(string text, bool canonicalize)
    {
        ArgumentNullException.ThrowIfNull(text);
        var joined = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (IsPythonWhitespace(c))
            {
                pendingSpace = joined.Length > 0;
                continue;
            }
            if (pendingSpace) joined.Append(' ');
            pendingSpace = false;
            if (!canonicalize || !AsciiPunctuation.Contains(c)) joined.Append(c);
        }
        var cleaned = joined.ToString();
        return canonicalize ? UnicodeCase.ToLower(cleaned) : cleaned;
    }

    // str.split() splits on what str.isspace() accepts: .NET's white space plus the four ASCII information
    // separators (U+001C..U+001F), which Python counts as whitespace and .NET does not.
    private static bool IsPythonWhitespace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    private static string PadToken(string configPath)
    {
        using var doc = JsonFile.Parse(configPath, (problem, e) => new ModelLoadException(configPath, problem, e));
        if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("pad_token", out var pad))
        {
            // Saved either as a string or as an AddedToken object {"content": ...}.
            if (pad.ValueKind == JsonValueKind.String && pad.GetString() is { Length: > 0 } s) return s;
            if (pad.ValueKind == JsonValueKind.Object && pad.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } c) return c;
        }
        throw new ModelLoadException(configPath, "has no pad_token; Immich pads the text with it. Re-download textual/tokenizer_config.json from the model's repository.");
    }
}
