using ResearchKit.Search;

namespace ResearchKit.Tests.Projection;

/// <summary>Seeded Gaussian clusters around random centres in a high-dimensional space, with their true labels.</summary>
internal static class ClusteredPoints
{
    public static (VectorMatrix Points, int[] Labels) Make(int clusters, int perCluster, int dimension, double spread, int seed)
    {
        var random = new Random(seed);
        var centres = Enumerable.Range(0, clusters).Select(_ => Enumerable.Range(0, dimension).Select(_ => Gaussian(random) * 3).ToArray()).ToArray();
        var values = new float[clusters * perCluster * dimension];
        var labels = new int[clusters * perCluster];
        for (var c = 0; c < clusters; c++)
            for (var p = 0; p < perCluster; p++)
            {
                var row = c * perCluster + p;
                labels[row] = c;
                for (var j = 0; j < dimension; j++) values[row * dimension + j] = (float)(centres[c][j] + Gaussian(random) * spread);
            }
        return (new VectorMatrix(values, dimension), labels);
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
