namespace ResearchKit.Search.Expansion;

/// <summary>A gallery-vocabulary term that may stand in for an unknown query word, with the evidence for it.</summary>
/// <param name="Text">The replacement, lower case (a label, a tag, or a phrase of gallery words).</param>
/// <param name="Weight">Its weight from the evidence: relation, steps, sense rank, vocabulary presence (and, once fused, the model's agreement).</param>
/// <param name="Source">How it was reached: "synonym", "hypernym:N", "hyponym:N", "related", "gloss" or "neighbour".</param>
/// <param name="Sense">The WordNet sense it came through (1 = the word's most frequent sense in its part of speech); 0 for a text-space neighbour.</param>
public sealed record ExpansionCandidate(string Text, float Weight, string Source, int Sense);
