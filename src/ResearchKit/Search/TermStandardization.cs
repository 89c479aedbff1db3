using System.Numerics.Tensors;
using ResearchKit.Embeddings;

namespace ResearchKit.Search;

/// <summary>
/// Standardises the terms of an expanded query against a space: each term's cosines to the gallery are shifted by
/// their mean and scaled by their spread (measured on an evenly spaced sample of the gallery), then put back in the
/// cosine units of the first term. A max over standardised terms lets a term whose cosines are low everywhere (a rare
/// word) compete with one whose cosines are high everywhere, which a max over raw cosines does not.
/// </summary>
public static class TermStandardization
{
    /// <summary>Gallery rows sampled per term; enough for a stable mean and spread, cheap on large galleries.</summary>
    public const int SampleRows = 4096;

    /// <summary>
    /// The query with weights a_i = σ₀·w_i/σ_i and offsets b_i = μ₀ − a_i·μ_i, so that max_i(a_i·cos_i + b_i) =
    /// μ₀ + σ₀·max_i(w_i·(cos_i − μ_i)/σ_i). A single-vector query, or an empty space, is returned unchanged.
    /// </summary>
    public static QueryVectors Apply(QueryVectors query, EmbeddingSpace space)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(space);
        if (query.Vectors.Count < 2 || space.Count < 2) return query;
        if (query.Dimension != space.Dimension) throw new DimensionMismatchException("query", space.Dimension, query.Dimension);
        var step = Math.Max(1, space.Count / SampleRows);
        var rows = Enumerable.Range(0, space.Count / step).Select(i => i * step).ToArray();
        var stats = query.Vectors.Select(v => Moments(v, space, rows)).ToList();
        var (mean0, spread0) = stats[0];
        var weights = new float[query.Vectors.Count];
        var offsets = new float[query.Vectors.Count];
        for (var i = 0; i < weights.Length; i++)
        {
            var (mean, spread) = stats[i];
            weights[i] = (float)(spread0 * query.Weights[i] / spread);
            offsets[i] = (float)(mean0 - weights[i] * mean) + (query.Offsets?[i] ?? 0f);
        }
        return query with { Weights = weights, Offsets = offsets };
    }

    private static (double Mean, double Spread) Moments(float[] vector, EmbeddingSpace space, int[] rows)
    {
        double sum = 0, squares = 0;
        foreach (var row in rows)
        {
            double cosine = TensorPrimitives.Dot(vector, space.Vector(row));
            sum += cosine;
            squares += cosine * cosine;
        }
        var mean = sum / rows.Length;
        var spread = Math.Sqrt(Math.Max(0, squares / rows.Length - mean * mean));
        // A term that scores every item alike carries no ranking; keep it finite rather than dividing by zero.
        return (mean, Math.Max(spread, 1e-6));
    }
}
