using System.Numerics.Tensors;

namespace ResearchKit.Models;

/// <summary>L2 normalisation of embedding vectors.</summary>
public static class VectorNorm
{
    /// <summary>A unit-length copy of <paramref name="vector"/>; a zero vector stays zero rather than becoming NaN.</summary>
    public static float[] Normalized(float[] vector)
    {
        var copy = (float[])vector.Clone();
        NormalizeInPlace(copy);
        return copy;
    }

    /// <summary>Scales <paramref name="vector"/> to unit length in place.</summary>
    public static void NormalizeInPlace(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0f) TensorPrimitives.Divide(vector, norm, vector);
    }
}
