using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tuning;

/// <summary>
/// Generated expansion queries judged against one gallery (an item is relevant when its metadata words meet the
/// query's intent), scored plain and under expansion settings through the search engine, and compared per kind.
/// </summary>
public sealed class ExpansionTestCollection
{
    private readonly SearchEngine _engine;

    /// <summary>Judges <paramref name="queries"/> against <paramref name="engine"/>'s items; queries with no relevant item there are left out.</summary>
    public ExpansionTestCollection(SearchEngine engine, string space, IReadOnlyList<ExpansionQuery> queries, int k = 10)
        : this(engine, space, Judge(engine, queries), k) { }

    private ExpansionTestCollection(SearchEngine engine, string space, IReadOnlyList<JudgedExpansionQuery> queries, int k)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        ArgumentException.ThrowIfNullOrWhiteSpace(space);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        Space = space;
        Queries = queries;
        K = k;
    }

    /// <summary>The searched space.</summary>
    public string Space { get; }

    /// <summary>The judged queries, in the order given.</summary>
    public IReadOnlyList<JudgedExpansionQuery> Queries { get; }

    /// <summary>The cut-off of hit@k, recall@k and nDCG@k.</summary>
    public int K { get; }

    /// <summary>The dev part (tuned on) and the test part (reported), split by a hash of each query's text.</summary>
    public (ExpansionTestCollection Dev, ExpansionTestCollection Test) Split(double testFraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(testFraction, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(testFraction, 1.0);
        return (Where(q => !q.IsTest(testFraction)), Where(q => q.IsTest(testFraction)));
    }

    /// <summary>The queries that satisfy <paramref name="keep"/>, as a collection of their own.</summary>
    public ExpansionTestCollection Where(Func<JudgedExpansionQuery, bool> keep) => new(_engine, Space, [.. Queries.Where(keep)], K);

    /// <summary>
    /// Each query's scores under <paramref name="settings"/>; null searches the query as typed (a query the plain search
    /// refuses, such as stopwords only, scores 0). Queries run in parallel; the engine is thread-safe.
    /// </summary>
    public QueryScore[] Score(QueryExpansionSettings? settings, CancellationToken cancellationToken = default)
    {
        var scores = new QueryScore[Queries.Count];
        var options = new SearchOptions { Target = new SingleSpace(Space), TopK = K, Expansion = settings };
        Parallel.For(0, Queries.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var query = Queries[i];
            IReadOnlyList<string> ranked;
            try { ranked = [.. _engine.SearchText(query.Query.Text, options, cancellationToken).Results.Select(r => r.Id)]; }
            catch (InvalidQueryException) { ranked = []; }
            scores[i] = QueryScore.Of(ranked, query.Relevance, K);
        });
        return scores;
    }

    /// <summary>
    /// Plain against expanded per kind of query, then pooled: "out-of-vocabulary" (synonyms and hypernyms), "oov+phrase"
    /// and "all". Sets without queries are left out.
    /// </summary>
    public IReadOnlyList<ExpansionComparison> Compare(IReadOnlyList<QueryScore> plain, IReadOnlyList<QueryScore> expanded, int seed = 17)
    {
        var sets = new List<(string Name, Func<ExpansionQuery, bool> Member)>();
        foreach (var kind in Enum.GetValues<ExpansionQueryKind>()) sets.Add((KindName(kind), q => q.Kind == kind));
        sets.Add(("out-of-vocabulary", q => q.IsOutOfVocabulary));
        sets.Add(("oov+phrase", q => q.IsOutOfVocabulary || q.Kind == ExpansionQueryKind.Phrase));
        sets.Add(("all", _ => true));
        var result = new List<ExpansionComparison>();
        foreach (var (name, member) in sets)
        {
            var rows = Enumerable.Range(0, Queries.Count).Where(i => member(Queries[i].Query)).ToList();
            if (rows.Count > 0) result.Add(ExpansionComparison.Of(name, [.. rows.Select(i => plain[i])], [.. rows.Select(i => expanded[i])], seed));
        }
        return result;
    }

    /// <summary>The report name of a kind: synonym, hypernym, phrase or misspelling.</summary>
    public static string KindName(ExpansionQueryKind kind) => kind.ToString().ToLowerInvariant();

    private static IReadOnlyList<JudgedExpansionQuery> Judge(SearchEngine engine, IReadOnlyList<ExpansionQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(queries);
        var words = ExpansionQuery.WordsOf(engine.Items);
        return [.. queries.Select(q => new JudgedExpansionQuery(q, q.Relevance(words))).Where(q => q.Relevance.Count > 0)];
    }
}
