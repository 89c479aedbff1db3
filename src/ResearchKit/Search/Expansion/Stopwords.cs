namespace ResearchKit.Search.Expansion;

/// <summary>
/// A small built-in list of English function words (articles, pronouns, prepositions, conjunctions, auxiliaries)
/// that carry no visual content, so query expansion leaves them alone.
/// </summary>
public static class Stopwords
{
    /// <summary>The list, lower case; lookups through <see cref="IsStopword"/> ignore case.</summary>
    public static IReadOnlySet<string> English { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        // articles and determiners
        "a", "an", "the", "this", "that", "these", "those", "some", "any", "each", "every", "either", "neither",
        "all", "both", "no", "such", "another", "other", "own", "same",
        // pronouns
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours",
        "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
        "itself", "they", "them", "their", "theirs", "themselves", "who", "whom", "whose", "which", "what",
        // prepositions
        "of", "in", "on", "at", "by", "for", "with", "without", "to", "from", "into", "onto", "upon", "about",
        "as", "than", "via", "per", "within", "among", "between", "through", "during", "against", "towards", "toward",
        "near", "above", "below", "under", "over", "behind", "beside", "next", "inside", "outside", "around", "across",
        "along", "beneath", "beyond", "off", "out", "up", "down", "after", "before",
        // conjunctions and connectives
        "and", "or", "but", "nor", "so", "yet", "if", "then", "else", "because", "while", "whether", "although",
        "though", "when", "where", "why", "how", "also", "too", "very", "just", "only", "not", "there", "here",
        // auxiliaries and copulas
        "am", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did", "doing", "done", "have",
        "has", "had", "having", "can", "could", "will", "would", "shall", "should", "may", "might", "must",
        // contractions as people type them in search boxes
        "it's", "i'm", "don't", "doesn't", "isn't", "aren't", "there's", "let's",
    };

    /// <summary>Whether <paramref name="word"/> (any case) is on the list.</summary>
    public static bool IsStopword(string word) => English.Contains(word);
}
