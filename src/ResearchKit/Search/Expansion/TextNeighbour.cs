namespace ResearchKit.Search.Expansion;

/// <summary>A vocabulary text close to a query, with its cosine similarity to the query vector.</summary>
/// <param name="Text">The vocabulary entry.</param>
/// <param name="Similarity">Cosine similarity in [-1, 1].</param>
/// <param name="Index">Position of the entry in <see cref="TextVocabulary.Texts"/>.</param>
public sealed record TextNeighbour(string Text, float Similarity, int Index);
