namespace ResearchKit.Tuning;

/// <summary>One setting tried during expansion tuning, and what the dev queries made of it.</summary>
/// <param name="Setting">The setting changed, e.g. "fusion".</param>
/// <param name="Value">The value tried.</param>
/// <param name="DevNdcg">Mean nDCG@k over the dev queries.</param>
/// <param name="NeverWorse">Whether no kind of dev query was on average worse than plain search with it.</param>
/// <param name="Kept">Whether it became the current setting.</param>
public sealed record ExpansionTrial(string Setting, string Value, double DevNdcg, bool NeverWorse, bool Kept);
