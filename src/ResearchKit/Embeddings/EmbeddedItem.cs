namespace ResearchKit.Embeddings;

/// <summary>One input a batch embedded: its position, source, raw and L2-normalised vectors.</summary>
public sealed record EmbeddedItem(int Index, string Source, float[] Raw, float[] Normalized, bool FromCache);
