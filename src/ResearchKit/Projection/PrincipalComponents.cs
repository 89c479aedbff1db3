using MathNet.Numerics.LinearAlgebra;
using ResearchKit.Search;
using System.Numerics.Tensors;

namespace ResearchKit.Projection;

/// <summary>
/// PCA by randomised subspace iteration (Halko, Martinsson and Tropp, 2011): a few passes of X^T X over a seeded
/// random block, then an exact eigen-decomposition (MathNet) of the small projected matrix. Cost is linear in
/// points x dimension, so 100,000 x 768 takes seconds; the leading components match a full decomposition.
/// </summary>
public sealed class PrincipalComponents
{
    private const int Oversampling = 8;
    private const int PowerIterations = 6;

    private PrincipalComponents(float[] mean, float[][] components, double[] explainedVariance, double totalVariance)
    {
        Mean = mean;
        Components = components;
        ExplainedVariance = explainedVariance;
        ExplainedVarianceRatio = explainedVariance.Select(v => totalVariance > 0 ? v / totalVariance : 0).ToArray();
    }

    /// <summary>The column means subtracted before projecting.</summary>
    public float[] Mean { get; }

    /// <summary>Unit-length principal axes, largest variance first; the sign makes each axis's largest entry positive.</summary>
    public float[][] Components { get; }

    /// <summary>Variance along each axis.</summary>
    public double[] ExplainedVariance { get; }

    /// <summary>Share of the total variance along each axis.</summary>
    public double[] ExplainedVarianceRatio { get; }

    public static PrincipalComponents Fit(VectorMatrix points, int components, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(points);
        int n = points.Rows, d = points.Dimension;
        if (components < 1 || components > Math.Min(n, d))
            throw new ArgumentOutOfRangeException(nameof(components), components, $"ask for between 1 and min(points, dimension) = {Math.Min(n, d)} components.");
        var mean = new float[d];
        for (var i = 0; i < n; i++) TensorPrimitives.Add(mean, points.Row(i), mean);
        TensorPrimitives.Divide(mean, n, mean);
        double total = 0;
        var centred = new float[d];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.Subtract(points.Row(i), mean, centred);
            total += TensorPrimitives.Dot(centred, centred);
        }
        total /= Math.Max(1, n - 1);

        var width = Math.Min(d, components + Oversampling);
        var random = new Random(seed);
        var basis = Matrix<double>.Build.Dense(d, width, (_, _) => random.NextDouble() * 2 - 1);
        for (var iter = 0; iter < PowerIterations; iter++)
            basis = CovarianceTimes(points, mean, basis).QR().Q.SubMatrix(0, d, 0, width);
        var projected = basis.TransposeThisAndMultiply(CovarianceTimes(points, mean, basis));
        var evd = ((projected + projected.Transpose()) / 2).Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, width).OrderByDescending(i => evd.EigenValues[i].Real).Take(components).ToArray();
        var axes = new float[components][];
        var variances = new double[components];
        for (var c = 0; c < components; c++)
        {
            var axis = basis * evd.EigenVectors.Column(order[c]);
            var flip = axis.AbsoluteMaximumIndex() is var m && axis[m] < 0 ? -1 : 1;
            axes[c] = axis.Select(v => (float)(flip * v)).ToArray();
            variances[c] = Math.Max(0, evd.EigenValues[order[c]].Real);
        }
        return new PrincipalComponents(mean, axes, variances, total);
    }

    /// <summary>Coordinates of each row along the fitted axes.</summary>
    public float[][] Transform(VectorMatrix points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Dimension != Mean.Length) throw new DimensionMismatchException("points", Mean.Length, points.Dimension);
        var result = new float[points.Rows][];
        Parallel.For(0, points.Rows, () => new float[Mean.Length], (i, _, centred) =>
        {
            TensorPrimitives.Subtract(points.Row(i), Mean, centred);
            result[i] = Components.Select(axis => TensorPrimitives.Dot(centred, axis)).ToArray();
            return centred;
        }, _ => { });
        return result;
    }

    // C * B for the sample covariance C, without forming C: X^T (X B) over centred rows. Rows are summed in fixed
    // blocks (float inside a block, double across blocks, in block order) so the result does not depend on threading.
    private static Matrix<double> CovarianceTimes(VectorMatrix points, float[] mean, Matrix<double> block)
    {
        const int rowsPerBlock = 512;
        int n = points.Rows, d = points.Dimension, w = block.ColumnCount;
        var columns = Enumerable.Range(0, w).Select(c => block.Column(c).Select(v => (float)v).ToArray()).ToArray();
        var blocks = (n + rowsPerBlock - 1) / rowsPerBlock;
        var partials = new float[blocks][];
        Parallel.For(0, blocks, b =>
        {
            var sum = new float[d * w];
            var centred = new float[d];
            for (var i = b * rowsPerBlock; i < Math.Min(n, (b + 1) * rowsPerBlock); i++)
            {
                TensorPrimitives.Subtract(points.Row(i), mean, centred);
                for (var c = 0; c < w; c++)
                {
                    var target = sum.AsSpan(c * d, d);
                    TensorPrimitives.MultiplyAdd(centred, TensorPrimitives.Dot(centred, columns[c]), target, target);
                }
            }
            partials[b] = sum;
        });
        var total = new double[d * w];
        foreach (var p in partials) for (var i = 0; i < total.Length; i++) total[i] += p[i];
        var scale = 1.0 / Math.Max(1, n - 1);
        return Matrix<double>.Build.Dense(d, w, (row, column) => total[column * d + row] * scale);
    }
}
