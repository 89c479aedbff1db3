namespace ResearchKit.Search.Expansion;

/// <summary>
/// The gallery's labels and tags embedded in a model's text space, with the embedder that puts an unknown word in the
/// same space, for <see cref="TextSpaceExpansion"/>'s nearest-neighbour candidates.
/// </summary>
/// <param name="Vocabulary">The embedded labels and tags.</param>
/// <param name="Embed">Embeds texts as <paramref name="Vocabulary"/>'s entries were (same model, same prompts), one unit vector each.</param>
public sealed record TextNeighbourSource(TextVocabulary Vocabulary, Func<IReadOnlyList<string>, float[][]> Embed);
