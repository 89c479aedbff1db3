namespace ResearchKit.Search;

/// <summary>
/// What a space is searched with: one vector, or several weighted vectors (an expanded query) fused by max
/// score — an item's score is the maximum over terms of weight * similarity + offset (offsets are zero unless the
/// terms were standardised against the gallery, see <see cref="TermStandardization"/>).
/// </summary>
public sealed record QueryVectors(IReadOnlyList<float[]> Vectors, IReadOnlyList<float> Weights)
{
    public static QueryVectors Single(float[] vector) => new([vector], [1f]);

    public int Dimension => Vectors[0].Length;

    /// <summary>Added to each term's weighted similarity; null for none. Weights must stay positive so each term ranks by its own cosine.</summary>
    public IReadOnlyList<float>? Offsets { get; init; }

    /// <summary>Whether this is one vector scored by plain similarity (no weight, no offset).</summary>
    public bool IsPlain => Vectors.Count == 1 && Weights[0] == 1f && (Offsets is null || Offsets[0] == 0f);

    /// <summary>The fused score of one item vector.</summary>
    public double Score(ReadOnlySpan<float> item)
    {
        var best = double.NegativeInfinity;
        for (var i = 0; i < Vectors.Count; i++)
            best = Math.Max(best, Weights[i] * System.Numerics.Tensors.TensorPrimitives.Dot(Vectors[i], item) + (Offsets?[i] ?? 0f));
        return best;
    }
}
