namespace ResearchKit.Search;

/// <summary>
/// What a space is searched with: one vector, or several weighted vectors (an expanded query) fused by max
/// score — an item's score is the maximum over terms of weight * similarity.
/// </summary>
public sealed record QueryVectors(IReadOnlyList<float[]> Vectors, IReadOnlyList<float> Weights)
{
    public static QueryVectors Single(float[] vector) => new([vector], [1f]);

    public int Dimension => Vectors[0].Length;

    /// <summary>The fused score of one item vector.</summary>
    public double Score(ReadOnlySpan<float> item)
    {
        var best = double.NegativeInfinity;
        for (var i = 0; i < Vectors.Count; i++)
            best = Math.Max(best, Weights[i] * System.Numerics.Tensors.TensorPrimitives.Dot(Vectors[i], item));
        return best;
    }
}
