using System.Numerics.Tensors;

namespace ResearchKit.Search;

/// <summary>The learned distance of triplet training, d(x, y) = sqrt(sum_i w_i (x_i - y_i)^2) with w >= 0.</summary>
public static class WeightedEuclidean
{
    /// <summary>d_w(x, y).</summary>
    public static double Distance(ReadOnlySpan<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        Span<float> diff = x.Length <= 2048 ? stackalloc float[x.Length] : new float[x.Length];
        TensorPrimitives.Subtract(x, y, diff);
        TensorPrimitives.Multiply(diff, diff, diff);
        return Math.Sqrt(Math.Max(0, TensorPrimitives.Dot(weights, diff)));
    }

    /// <summary>1 - d_w^2 / 2: for unit vectors and all weights 1 this is the cosine, so scores keep their scale.</summary>
    public static double Similarity(ReadOnlySpan<float> weights, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var d = Distance(weights, x, y);
        return 1 - d * d / 2;
    }
}
