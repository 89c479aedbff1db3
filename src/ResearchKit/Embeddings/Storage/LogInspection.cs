namespace ResearchKit.Embeddings.Storage;

/// <summary>What a writer found when it read every file of a log.</summary>
/// <param name="Stamps">Key to source stamp of every readable row (latest wins).</param>
/// <param name="Owned">Keys whose latest row lies in a part the writer owns (it may drop them).</param>
/// <param name="Damaged">Chunks set aside because their files are missing or fail their checksums.</param>
public sealed record LogInspection(Dictionary<string, string> Stamps, IReadOnlySet<string> Owned, IReadOnlyList<DamagedChunk> Damaged);
