namespace ResearchKit.Tuning;

/// <summary>A generated query with the items of one gallery it is relevant to.</summary>
public sealed record JudgedExpansionQuery(ExpansionQuery Query, IReadOnlyDictionary<string, double> Relevance)
{
    /// <summary>Whether the query falls in the test part of a split that holds <paramref name="testFraction"/> of queries out (by a hash of its text).</summary>
    public bool IsTest(double testFraction) => TuningQuery.StableFraction(Query.Text) < testFraction;
}
