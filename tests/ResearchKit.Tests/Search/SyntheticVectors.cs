namespace ResearchKit.Tests.Search;

/// <summary>Seeded vector sets for the search tests.</summary>
public static class SyntheticVectors
{
    /// <summary>
    /// Rows with small integer entries, so that many inner products tie exactly, plus verbatim copies of earlier rows
    /// (about one in five) so that ties between distinct rows are certain.
    /// </summary>
    public static float[] TieHeavy(Random rng, int rows, int dim)
    {
        var values = new float[rows * dim];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * dim, dim);
            if (r > 0 && rng.Next(5) == 0)
            {
                values.AsSpan(rng.Next(r) * dim, dim).CopyTo(row);
                continue;
            }
            for (var i = 0; i < dim; i++) row[i] = rng.Next(-2, 3);
        }
        return values;
    }

    /// <summary>L2-normalised Gaussian vectors.</summary>
    public static float[] Gaussian(Random rng, int rows, int dim)
    {
        var values = new float[rows * dim];
        for (var i = 0; i < values.Length; i++) values[i] = NextGaussian(rng);
        for (var r = 0; r < rows; r++) Normalize(values.AsSpan(r * dim, dim));
        return values;
    }

    /// <summary>
    /// L2-normalised points around <paramref name="clusters"/> random unit centres, shaped like real embeddings
    /// (near neighbours are much closer than the rest). Returns the rows and the centres.
    /// </summary>
    public static (float[] Rows, float[][] Centers) Clustered(Random rng, int rows, int dim, int clusters, float spread)
    {
        var centers = new float[clusters][];
        for (var c = 0; c < clusters; c++) centers[c] = Gaussian(rng, 1, dim);
        var values = new float[rows * dim];
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * dim, dim);
            var center = centers[rng.Next(clusters)];
            for (var i = 0; i < dim; i++) row[i] = center[i] + spread * NextGaussian(rng) / MathF.Sqrt(dim);
            Normalize(row);
        }
        return (values, centers);
    }

    /// <summary>A unit vector near <paramref name="center"/>.</summary>
    public static float[] Near(Random rng, float[] center, float spread)
    {
        var q = new float[center.Length];
        for (var i = 0; i < q.Length; i++) q[i] = center[i] + spread * NextGaussian(rng) / MathF.Sqrt(q.Length);
        Normalize(q);
        return q;
    }

    private static float NextGaussian(Random rng) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()));

    private static void Normalize(Span<float> v)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(v, v));
        if (norm > 0) System.Numerics.Tensors.TensorPrimitives.Divide(v, norm, v);
    }
}
