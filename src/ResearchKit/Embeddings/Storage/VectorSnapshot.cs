namespace ResearchKit.Embeddings.Storage;

/// <summary>Everything a <see cref="VectorLog"/> holds, resolved: one row per key (latest wins), ordered by key.</summary>
/// <param name="Rows">Key and stamp per row.</param>
/// <param name="Vectors">Row-major float32 matrix, <c>Rows.Count * Width</c> values.</param>
/// <param name="Width">Floats per row.</param>
public sealed record VectorSnapshot(IReadOnlyList<LogRow> Rows, float[] Vectors, int Width)
{
    /// <summary>The identity (as stored) of the log when it was read.</summary>
    public string Identity { get; init; } = "";

    public ReadOnlySpan<float> Row(int index) => Vectors.AsSpan((int)((long)index * Width), Width);
}
