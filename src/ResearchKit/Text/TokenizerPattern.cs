using System.Text.RegularExpressions;

namespace ResearchKit.Text;

/// <summary>
/// A tokenizer.json pattern: <c>{"String": "…"}</c>, matched literally, or <c>{"Regex": "…"}</c>, which the
/// Rust library compiles with Oniguruma and which .NET's regex engine reads the same for the patterns these
/// tokenizers use (a pattern .NET cannot parse is refused at load).
/// </summary>
internal sealed class TokenizerPattern
{
    private readonly string? _literal;
    private readonly Regex? _regex;

    private TokenizerPattern(string? literal, Regex? regex)
    {
        _literal = literal;
        _regex = regex;
    }

    public static TokenizerPattern FromJson(TokenizerJsonNode node)
    {
        if (node.Has("String"))
        {
            var literal = node.String("String");
            if (literal.Length == 0) throw node.Fail($"{node.Location}.String is empty");
            return new(literal, null);
        }
        if (node.Has("Regex"))
        {
            var source = node.String("Regex");
            try
            {
                return new(null, new Regex(source, RegexOptions.CultureInvariant));
            }
            catch (ArgumentException e)
            {
                throw node.Unsupported($"the regular expression '{source}' ({e.Message})");
            }
        }
        throw node.Fail($"{node.Location} has neither \"String\" nor \"Regex\"");
    }

    /// <summary>Non-overlapping matches, left to right; empty regex matches are skipped.</summary>
    public IEnumerable<(int Start, int End)> Matches(string text)
    {
        if (_literal is not null)
        {
            for (var i = text.IndexOf(_literal, StringComparison.Ordinal); i >= 0; i = text.IndexOf(_literal, i + _literal.Length, StringComparison.Ordinal))
                yield return (i, i + _literal.Length);
            yield break;
        }
        foreach (Match m in _regex!.Matches(text))
            if (m.Length > 0) yield return (m.Index, m.Index + m.Length);
    }

    public string Replace(string text, string content) =>
        _literal is not null ? text.Replace(_literal, content, StringComparison.Ordinal) : _regex!.Replace(text, content.Replace("$", "$$", StringComparison.Ordinal));
}
