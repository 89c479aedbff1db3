namespace ResearchKit.Embeddings.Storage;

/// <summary>A committed chunk whose files fail their checksum or are missing; its items count as not embedded.</summary>
/// <param name="Path">The damaged file.</param>
/// <param name="Part">The store part holding the chunk.</param>
/// <param name="Chunk">The chunk's name.</param>
/// <param name="Problem">What is wrong with it.</param>
/// <param name="Keys">Item ids the chunk held, when its row file is still readable (else empty).</param>
public sealed record DamagedChunk(string Path, string Part, string Chunk, string Problem, IReadOnlyList<string> Keys);
