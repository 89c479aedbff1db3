namespace ResearchKit.Search.Expansion;

/// <summary>One text to embed for a query, with how much it counts and where it came from.</summary>
/// <param name="Text">The text, with WordNet underscores turned back into spaces.</param>
/// <param name="Weight">Relative importance; the original query has <see cref="ExpansionOptions.QueryWeight"/>.</param>
/// <param name="Source">"query", "synonym", "hypernym:N" or "hyponym:N" (N = steps away in WordNet), or "neighbour".</param>
public sealed record ExpansionTerm(string Text, float Weight, string Source);
