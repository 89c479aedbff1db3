using System.Text.RegularExpressions;

namespace ResearchKit.Search.Expansion;

/// <summary>Checks and splits free-text search queries.</summary>
public static partial class QueryText
{
    /// <summary>
    /// Throws <see cref="InvalidQueryException"/> when <paramref name="query"/> is null, empty, whitespace, or has
    /// no word other than stopwords (e.g. "the of a"), since none of those can rank images meaningfully.
    /// </summary>
    public static void Validate(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
            throw new InvalidQueryException(query ?? "", "the query is empty. Type what the images should show, e.g. \"dog on a beach\".");
        var words = Words(query);
        if (words.Count == 0)
            throw new InvalidQueryException(query, "the query has no words, only punctuation or symbols. Describe the image content in words.");
        if (words.All(Stopwords.IsStopword))
            throw new InvalidQueryException(query,
                "the query holds only stopwords (such as \"the\", \"of\", \"a\"), which say nothing about an image. " +
                "Add at least one content word, e.g. \"the dog\" instead of \"the\".");
    }

    /// <summary>The words of <paramref name="query"/>: runs of letters, digits, apostrophes and inner hyphens, in order.</summary>
    public static IReadOnlyList<string> Words(string query) => WordPattern().Matches(query).Select(m => m.Value).ToList();

    /// <summary>Like <see cref="Words"/> but with each word's position, so callers can rebuild the text around replacements.</summary>
    internal static IReadOnlyList<Match> WordMatches(string query) => WordPattern().Matches(query);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex WordPattern();
}
