namespace ResearchKit.Embeddings.Storage;

/// <summary>One committed chunk of a store part, as its manifest lists it.</summary>
/// <param name="Name">File stem: the vectors are <c>NAME.f32</c>, the rows <c>NAME.rows.json</c>.</param>
/// <param name="Rows">Rows in the chunk.</param>
/// <param name="CommittedAt">UTC ticks of the commit that made the rows (for a compacted chunk, the newest of its sources); orders versions of a key across parts.</param>
/// <param name="VectorsHash">XxHash3 (64-bit, hex) of the <c>.f32</c> file.</param>
/// <param name="RowsHash">XxHash3 (64-bit, hex) of the <c>.rows.json</c> file.</param>
public sealed record ChunkRecord(string Name, int Rows, long CommittedAt, string VectorsHash, string RowsHash);
