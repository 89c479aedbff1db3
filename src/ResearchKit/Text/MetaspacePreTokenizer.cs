namespace ResearchKit.Text;

/// <summary>
/// SentencePiece's whitespace convention as a pre-tokenizer: spaces become the replacement ("▁"), one is
/// prepended unless the text already starts with it (always, or only for the first section, or never), and
/// with <c>split</c> the text is cut before every replacement so each word is encoded on its own.
/// </summary>
internal sealed class MetaspacePreTokenizer(string replacement, string prependScheme, bool split) : PreTokenizer
{
    public override void Split(string text, bool firstSection, List<string> pieces)
    {
        var replaced = text.Replace(" ", replacement, StringComparison.Ordinal);
        var prepend = prependScheme == "always" || (prependScheme == "first" && firstSection);
        if (prepend && !replaced.StartsWith(replacement, StringComparison.Ordinal)) replaced = replacement + replaced;
        if (!split)
        {
            if (replaced.Length > 0) pieces.Add(replaced);
            return;
        }
        // MergedWithNext: each replacement starts a new piece.
        var start = 0;
        for (var i = replaced.IndexOf(replacement, 1, StringComparison.Ordinal); i > 0; i = replaced.IndexOf(replacement, i + replacement.Length, StringComparison.Ordinal))
        {
            if (i > start) pieces.Add(replaced[start..i]);
            start = i;
        }
        if (start < replaced.Length) pieces.Add(replaced[start..]);
    }
}
