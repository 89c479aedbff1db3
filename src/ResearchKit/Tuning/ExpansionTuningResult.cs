using ResearchKit.Search;

namespace ResearchKit.Tuning;

/// <summary>What <see cref="ExpansionTuner"/> found for one model and gallery.</summary>
/// <param name="Space">The tuned space.</param>
/// <param name="K">The metrics' cut-off.</param>
/// <param name="Settings">The chosen settings, their gate included (closed: queries pass through).</param>
/// <param name="Trials">Every setting tried, in order.</param>
/// <param name="Dev">Plain against the chosen settings on the dev queries (what was tuned on).</param>
/// <param name="Test">The same on the held-out test queries.</param>
/// <param name="Spelling">Spell correction alone against plain search on the misspelled test queries; null without any.</param>
public sealed record ExpansionTuningResult(string Space, int K, QueryExpansionSettings Settings, IReadOnlyList<ExpansionTrial> Trials,
    IReadOnlyList<ExpansionComparison> Dev, IReadOnlyList<ExpansionComparison> Test, ExpansionComparison? Spelling);
