namespace ResearchKit.Models;

/// <summary>
/// Encoder outputs for one batch: the raw vectors the graph produced and their L2-normalised copies
/// (what cosine search uses).
/// </summary>
public sealed class EmbeddingBatch
{
    /// <param name="raw">One vector per input, as the graph returned it.</param>
    /// <param name="alreadyNormalized">True when the graph L2-normalises itself (Immich): the vectors are then used as they are.</param>
    public EmbeddingBatch(float[][] raw, bool alreadyNormalized = false)
    {
        Raw = raw;
        Normalized = alreadyNormalized ? raw : [.. raw.Select(VectorNorm.Normalized)];
    }

    public float[][] Raw { get; }
    public float[][] Normalized { get; }
    public int Count => Raw.Length;
}
