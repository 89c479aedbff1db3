using System.Globalization;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// What <see cref="VocabularyExpander"/> found in a query: the query with single spaces, the spans the gallery
/// vocabulary lacks with their candidate replacements, and notes for the user. A plan without unknown words (or
/// whose unknown words found no candidates) searches the query as typed.
/// </summary>
/// <param name="Query">The query, whitespace runs as one space; "" when there was nothing to search.</param>
/// <param name="Unknown">The unknown spans, left to right.</param>
/// <param name="Notes">What was kept, what was expanded and why, what could not be.</param>
public sealed record ExpansionPlan(string Query, IReadOnlyList<UnknownWord> Unknown, IReadOnlyList<string> Notes)
{
    /// <summary>Whether any unknown span has a replacement, i.e. whether expanding changes the search.</summary>
    public bool Expands => Unknown.Any(u => u.Candidates.Count > 0);

    /// <summary>
    /// The weighted terms to embed: the query first (weight <paramref name="queryWeight"/> when it expands, else 1),
    /// then the query with its unknown spans replaced, combining the candidates of several spans by the product of
    /// their weights, heaviest first, at most <paramref name="maxTerms"/> terms in all.
    /// </summary>
    public IReadOnlyList<ExpansionTerm> Terms(float queryWeight, int maxTerms)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        var first = new ExpansionTerm(Query, Expands ? queryWeight : 1f, "query");
        if (!Expands || maxTerms == 1) return [first];
        // A beam over the spans, right to left so earlier offsets stay valid while later spans are replaced.
        var beam = new List<(string Text, float Weight, List<string> Sources)> { (Query, 1f, []) };
        foreach (var unknown in Unknown.Where(u => u.Candidates.Count > 0).OrderByDescending(u => u.Start))
        {
            beam = [.. beam
                .SelectMany(b => unknown.Candidates.Select(c => (
                    Text: b.Text[..unknown.Start] + c.Text + b.Text[(unknown.Start + unknown.Length)..],
                    Weight: b.Weight * c.Weight,
                    Sources: (List<string>)[Describe(unknown.In(Query), c), .. b.Sources])))
                .OrderByDescending(b => b.Weight)
                .Take(maxTerms - 1)];
        }
        var terms = new List<ExpansionTerm> { first };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Query };
        foreach (var (text, weight, sources) in beam)
        {
            if (seen.Add(text)) terms.Add(new ExpansionTerm(text, weight, string.Join("; ", sources)));
        }
        return terms;
    }

    private static string Describe(string word, ExpansionCandidate candidate) =>
        candidate.Sense > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{word} -> {candidate.Text}: {candidate.Source}, sense {candidate.Sense}")
            : $"{word} -> {candidate.Text}: {candidate.Source}";
}
