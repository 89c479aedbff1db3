using ResearchKit.Evaluation;
using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>
/// A test collection query file (<see cref="TestQueryFile"/>: JSON lines with gallery, text or image, relevant) read as
/// tuning queries: text queries as typed, image queries as <c>id:ITEM</c> "more like this", every listed item with
/// relevance 1. Image queries whose picture lives in another split cannot be asked of the gallery's store and are left out.
/// </summary>
public static class QueryFile
{
    /// <summary>The queries of <paramref name="path"/> that search one store, in file order.</summary>
    /// <exception cref="TestCollectionException">The file is missing or a line is malformed.</exception>
    public static IReadOnlyList<TuningQuery> Read(string path) =>
        [.. TestQueryFile.Read(path).Where(q => q.IsText || q.QueriesOwnGallery).Select(ToTuningQuery)];

    /// <summary>One test collection query as a tuning query.</summary>
    public static TuningQuery ToTuningQuery(TestQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var relevance = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var id in query.Relevant) relevance[id] = 1;
        return new TuningQuery(query.Query, relevance);
    }
}
