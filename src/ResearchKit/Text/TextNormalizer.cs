using System.Globalization;
using System.Text;

namespace ResearchKit.Text;

/// <summary>
/// A tokenizer.json normalizer: rewrites text before it is split and encoded. The components are those of
/// Hugging Face tokenizers (Sequence, Precompiled, Replace, Strip, Lowercase, Prepend, StripAccents, NFC/NFD/NFKC/NFKD),
/// with the Rust library's semantics.
/// </summary>
internal abstract class TextNormalizer
{
    public abstract string Normalize(string text);

    /// <summary>The normalizer a tokenizer.json node describes, or null for <c>null</c>.</summary>
    public static TextNormalizer? FromJson(TokenizerJsonNode node)
    {
        if (node.IsNull) return null;
        return node.Type switch
        {
            "Sequence" => new Chain([.. node.Required("normalizers").Items().Select(FromJson).OfType<TextNormalizer>()]),
            "Precompiled" => Precompiled(node),
            "Replace" => new Replace(TokenizerPattern.FromJson(node.Required("pattern")), node.OptionalString("content") ?? ""),
            "Strip" => new Strip(node.Bool("strip_left", true), node.Bool("strip_right", true)),
            "Lowercase" => new Lowercase(),
            "Prepend" => new Prepend(node.String("prepend")),
            "StripAccents" => new StripAccents(),
            "NFC" => new Form(NormalizationForm.FormC),
            "NFD" => new Form(NormalizationForm.FormD),
            "NFKC" => new Form(NormalizationForm.FormKC),
            "NFKD" => new Form(NormalizationForm.FormKD),
            null => throw node.Fail($"{node.Location} has no \"type\""),
            var other => throw node.Unsupported($"a \"{other}\" normalizer"),
        };
    }

    private static TextNormalizer Precompiled(TokenizerJsonNode node)
    {
        // Some converters write null when the SentencePiece model had no map; that normalizer changes nothing.
        if (!node.Has("precompiled_charsmap")) return new Chain([]);
        try
        {
            return new CharsMap(new PrecompiledCharsMap(Convert.FromBase64String(node.String("precompiled_charsmap"))));
        }
        catch (FormatException)
        {
            throw node.Fail($"{node.Location}.precompiled_charsmap is not base64");
        }
        catch (InvalidDataException e)
        {
            throw node.Fail($"{node.Location}.precompiled_charsmap is damaged ({e.Message})");
        }
    }

    private sealed class Chain(TextNormalizer[] steps) : TextNormalizer
    {
        public override string Normalize(string text)
        {
            foreach (var step in steps) text = step.Normalize(text);
            return text;
        }
    }

    private sealed class CharsMap(PrecompiledCharsMap map) : TextNormalizer
    {
        public override string Normalize(string text) => map.Normalize(text);
    }

    private sealed class Replace(TokenizerPattern pattern, string content) : TextNormalizer
    {
        public override string Normalize(string text) => pattern.Replace(text, content);
    }

    // Whitespace as Rust's char::is_whitespace (the White_Space property), which char.IsWhiteSpace follows.
    private sealed class Strip(bool left, bool right) : TextNormalizer
    {
        public override string Normalize(string text) => (left, right) switch
        {
            (true, true) => text.Trim(),
            (true, false) => text.TrimStart(),
            (false, true) => text.TrimEnd(),
            _ => text,
        };
    }

    private sealed class Lowercase : TextNormalizer
    {
        public override string Normalize(string text) => UnicodeCase.ToLower(text);
    }

    // As the Rust library: nothing is prepended to an empty string.
    private sealed class Prepend(string prefix) : TextNormalizer
    {
        public override string Normalize(string text) => text.Length == 0 ? text : prefix + text;
    }

    private sealed class StripAccents : TextNormalizer
    {
        public override string Normalize(string text)
        {
            var result = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
                if (Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
                    result.Append(rune.ToString());
            return result.ToString();
        }
    }

    private sealed class Form(NormalizationForm form) : TextNormalizer
    {
        public override string Normalize(string text)
        {
            try
            {
                return text.Normalize(form);
            }
            catch (ArgumentException)
            {
                return text;  // a lone surrogate cannot be normalized; leave the text as it is
            }
        }
    }
}
