namespace ResearchKit.Models;

/// <summary>
/// Encoder outputs for one batch: the raw vectors the graph produced and their L2-normalised copies
/// (what cosine search uses).
/// </summary>
public sealed class EmbeddingBatch
{
    public EmbeddingBatch(float[][] raw)
    {
        Raw = raw;
        Normalized = [.. raw.Select(VectorNorm.Normalized)];
    }

    public float[][] Raw { get; }
    public float[][] Normalized { get; }
    public int Count => Raw.Length;
}
