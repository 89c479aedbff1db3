using ResearchKit.Datasets;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tuning;

/// <summary>
/// A generated query for measuring expansion, with what it means in gallery words: an item is relevant when its
/// labels, tags and title hold every word of at least one <see cref="Intent"/> alternative.
/// </summary>
/// <param name="Text">The query as a user would type it.</param>
/// <param name="Kind">How it was made.</param>
/// <param name="Intent">Alternatives, each a set of gallery words that together make an item relevant.</param>
/// <param name="Origin">What it was made from, for reading results ("hypernym of dog, wolf").</param>
public sealed record ExpansionQuery(string Text, ExpansionQueryKind Kind, IReadOnlyList<IReadOnlyList<string>> Intent, string Origin)
{
    /// <summary>Whether the query counts as out of vocabulary (a synonym or hypernym no label or tag uses).</summary>
    public bool IsOutOfVocabulary => Kind is ExpansionQueryKind.Synonym or ExpansionQueryKind.Hypernym;

    /// <summary>The items of <paramref name="gallery"/> this query is relevant to (grade 1), by their metadata words.</summary>
    public IReadOnlyDictionary<string, double> Relevance(IReadOnlyDictionary<string, IReadOnlySet<string>> gallery)
    {
        ArgumentNullException.ThrowIfNull(gallery);
        var relevant = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (id, words) in gallery)
        {
            if (Intent.Any(alternative => alternative.All(words.Contains))) relevant[id] = 1.0;
        }
        return relevant;
    }

    /// <summary>Each item's metadata words (labels, tags and title, lower case), the form <see cref="Relevance"/> reads.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> WordsOf(IEnumerable<DatasetItem> items) =>
        items.ToDictionary(i => i.Id, i => (IReadOnlySet<string>)i.Labels.Concat(i.Tags).Append(i.Title ?? "")
            .SelectMany(t => QueryText.Words(t.ToLowerInvariant())).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
}
