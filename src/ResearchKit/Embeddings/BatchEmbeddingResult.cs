namespace ResearchKit.Embeddings;

/// <summary>What a batch produced: the embedded items in input order and every failure, none dropped.</summary>
public sealed record BatchEmbeddingResult(IReadOnlyList<EmbeddedItem> Items, IReadOnlyList<ItemFailure> Failures);
