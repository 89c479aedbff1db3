namespace ResearchKit.Text;

/// <summary>
/// The Split pre-tokenizer: cuts text at a pattern's matches (or, inverted, keeps the matches as the pieces)
/// and decides where each match goes: removed, isolated, merged with the previous or next piece, or runs of
/// matches kept together (contiguous), as the Rust library's <c>SplitDelimiterBehavior</c> defines.
/// </summary>
internal sealed class SplitPreTokenizer(TokenizerPattern pattern, SplitPreTokenizer.Behavior behavior, bool invert) : PreTokenizer
{
    public enum Behavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous }

    public static Behavior ParseBehavior(TokenizerJsonNode node)
    {
        var name = node.String("behavior");
        return Enum.TryParse<Behavior>(name, ignoreCase: true, out var behavior)
            ? behavior
            : throw node.Fail($"{node.Location}.behavior is '{name}', not one of {string.Join(", ", Enum.GetNames<Behavior>())}");
    }

    public override void Split(string text, bool firstSection, List<string> pieces)
    {
        var segments = Segments(text);
        var merged = new List<(int Start, int End, bool Match)>();
        switch (behavior)
        {
            case Behavior.Removed or Behavior.Isolated:
                merged = segments;
                break;
            case Behavior.Contiguous:
                foreach (var s in segments)
                    if (merged.Count > 0 && merged[^1].Match && s.Match) merged[^1] = (merged[^1].Start, s.End, true);
                    else merged.Add(s);
                break;
            case Behavior.MergedWithPrevious:
            {
                // A match joins the piece before it unless that piece was itself a match.
                var previousMatch = false;
                foreach (var s in segments)
                {
                    if (s.Match && !previousMatch && merged.Count > 0) merged[^1] = (merged[^1].Start, s.End, false);
                    else merged.Add(s with { Match = false });
                    previousMatch = s.Match;
                }
                break;
            }
            case Behavior.MergedWithNext:
            {
                var previousMatch = false;
                for (var i = segments.Count - 1; i >= 0; i--)
                {
                    var s = segments[i];
                    if (s.Match && !previousMatch && merged.Count > 0) merged[^1] = (s.Start, merged[^1].End, false);
                    else merged.Add(s with { Match = false });
                    previousMatch = s.Match;
                }
                merged.Reverse();
                break;
            }
        }
        foreach (var (start, end, match) in merged)
            if (end > start && !(match && behavior == Behavior.Removed)) pieces.Add(text[start..end]);
    }

    /// <summary>The text as alternating non-match and match segments; with invert the roles swap.</summary>
    private List<(int Start, int End, bool Match)> Segments(string text)
    {
        var segments = new List<(int, int, bool)>();
        var previous = 0;
        foreach (var (start, end) in pattern.Matches(text))
        {
            if (start > previous) segments.Add((previous, start, invert));
            segments.Add((start, end, !invert));
            previous = end;
        }
        if (previous < text.Length) segments.Add((previous, text.Length, invert));
        return segments;
    }
}
