using System.Numerics.Tensors;

namespace ResearchKit.Projection;

/// <summary>Distance between two rows under a <see cref="ProjectionMetric"/>.</summary>
internal static class PointDistance
{
    public static float Between(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ProjectionMetric metric) => metric switch
    {
        // Cosine over unnormalised input would silently be wrong, so it normalises on the fly.
        ProjectionMetric.Cosine => 1f - TensorPrimitives.CosineSimilarity(a, b),
        _ => TensorPrimitives.Distance(a, b),
    };
}
