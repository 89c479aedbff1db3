namespace ResearchKit.Search.Expansion;

/// <summary>A span of the query that the gallery vocabulary lacks, with the candidates found to replace it.</summary>
/// <param name="Start">Character offset of the span in <see cref="ExpansionPlan.Query"/>.</param>
/// <param name="Length">Length of the span.</param>
/// <param name="Candidates">Replacements, heaviest first; empty when nothing reaches the vocabulary.</param>
public sealed record UnknownWord(int Start, int Length, IReadOnlyList<ExpansionCandidate> Candidates)
{
    /// <summary>The span as typed, taken from <paramref name="query"/>.</summary>
    public string In(string query) => query.Substring(Start, Length);
}
