namespace ResearchKit.Search.Expansion;

/// <summary>
/// A Hunspell affix condition: a sequence of single characters, "." (any character) and bracket classes
/// ("[aeiou]", "[^aeiou]") that must match the end of a stem for a suffix, or its start for a prefix.
/// </summary>
internal sealed class AffixCondition
{
    private readonly (string Chars, bool Negated, bool Any)[] _elements;

    private AffixCondition((string, bool, bool)[] elements) => _elements = elements;

    /// <summary>Parses <paramref name="pattern"/>; "." alone (the files' way of saying "always") matches any non-empty word.</summary>
    /// <exception cref="FormatException">A "[" has no closing "]".</exception>
    public static AffixCondition Parse(string pattern)
    {
        var elements = new List<(string, bool, bool)>();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '.')
            {
                elements.Add(("", false, true));
            }
            else if (c == '[')
            {
                var close = pattern.IndexOf(']', i + 1);
                if (close < 0) throw new FormatException($"condition '{pattern}' opens '[' without a closing ']'");
                var negated = close > i + 1 && pattern[i + 1] == '^';
                var start = negated ? i + 2 : i + 1;
                elements.Add((pattern[start..close], negated, false));
                i = close;
            }
            else
            {
                elements.Add((c.ToString(), false, false));
            }
        }
        return new AffixCondition(elements.ToArray());
    }

    /// <summary>Whether the condition matches the last characters of <paramref name="word"/>.</summary>
    public bool MatchesEnd(string word) => Matches(word, word.Length - _elements.Length);

    /// <summary>Whether the condition matches the first characters of <paramref name="word"/>.</summary>
    public bool MatchesStart(string word) => Matches(word, 0);

    private bool Matches(string word, int start)
    {
        if (word.Length < _elements.Length || start < 0) return false;
        for (var k = 0; k < _elements.Length; k++)
        {
            var (chars, negated, any) = _elements[k];
            if (any) continue;
            if (chars.Contains(word[start + k]) == negated) return false;
        }
        return true;
    }
}
