using System.Numerics.Tensors;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// The embedding form of an expanded query: unit-length vectors with weights, plus the terms behind them for display.
/// Items are scored by cosine, so image embeddings passed in should be L2-normalised.
/// </summary>
public sealed class ExpandedQuery
{
    internal ExpandedQuery(FusionMode mode, IReadOnlyList<ExpansionTerm> terms, IReadOnlyList<float[]> vectors, IReadOnlyList<float> weights)
    {
        Mode = mode;
        Terms = terms;
        Vectors = vectors;
        Weights = weights;
    }

    /// <summary>How <see cref="Vectors"/> combine into a score.</summary>
    public FusionMode Mode { get; }

    /// <summary>The terms that were embedded, neighbour expansions included, in order.</summary>
    public IReadOnlyList<ExpansionTerm> Terms { get; }

    /// <summary>
    /// <see cref="FusionMode.WeightedMean"/>: the single fused query vector. Otherwise one vector per entry of
    /// <see cref="Terms"/>, same order. All unit length.
    /// </summary>
    public IReadOnlyList<float[]> Vectors { get; }

    /// <summary>Parallel to <see cref="Vectors"/>: [1] for WeightedMean, else the term weights.</summary>
    public IReadOnlyList<float> Weights { get; }

    /// <summary>Length of each vector.</summary>
    public int Dimensions => Vectors[0].Length;

    /// <summary>
    /// Score of an item embedding: WeightedMean → dot(query vector, item); MaxScore → max over i of
    /// Weights[i] × dot(Vectors[i], item). With a unit-length item, each dot product is its cosine similarity.
    /// MaxStandardized scores like MaxScore here: standardising needs the gallery (see <c>TermStandardization</c>).
    /// </summary>
    /// <exception cref="EmbeddingDimensionException">The item is not <see cref="Dimensions"/> long.</exception>
    public float Score(ReadOnlySpan<float> item)
    {
        if (item.Length != Dimensions) throw new EmbeddingDimensionException("The item embedding", Dimensions, item.Length);
        Span<float> scores = Vectors.Count <= 64 ? stackalloc float[Vectors.Count] : new float[Vectors.Count];
        for (var i = 0; i < Vectors.Count; i++) scores[i] = TensorPrimitives.Dot(Vectors[i], item);
        return FuseScores(scores);
    }

    /// <summary>
    /// Combines per-vector scores computed elsewhere (e.g. by a vector index searched once per vector):
    /// <paramref name="vectorScores"/>[i] is the similarity of the item to Vectors[i]. Returns
    /// max over i of Weights[i] × vectorScores[i], which for WeightedMean is just vectorScores[0].
    /// </summary>
    public float FuseScores(ReadOnlySpan<float> vectorScores)
    {
        if (vectorScores.Length != Vectors.Count)
            throw new ArgumentException($"expected {Vectors.Count} scores, one per query vector, got {vectorScores.Length}", nameof(vectorScores));
        var best = float.NegativeInfinity;
        for (var i = 0; i < vectorScores.Length; i++) best = MathF.Max(best, Weights[i] * vectorScores[i]);
        return best;
    }
}
