namespace ResearchKit.Projection;

/// <summary>
/// The k nearest neighbours of every point (self excluded), nearest first: row i's neighbours are
/// <c>Indices[i*K .. i*K+K)</c> with distances in the same slots of <see cref="Distances"/>.
/// </summary>
public sealed class NeighborGraph
{
    public NeighborGraph(int points, int k, int[] indices, float[] distances)
    {
        if (indices.Length != points * k || distances.Length != points * k)
            throw new ArgumentException($"a graph of {points} points with k={k} needs {points * k} entries; got {indices.Length} indices and {distances.Length} distances.");
        Points = points;
        K = k;
        Indices = indices;
        Distances = distances;
    }

    public int Points { get; }
    public int K { get; }
    public int[] Indices { get; }
    public float[] Distances { get; }

    /// <summary>The neighbours of <paramref name="point"/>, nearest first.</summary>
    public ReadOnlySpan<int> NeighborsOf(int point) => Indices.AsSpan(point * K, K);

    /// <summary>Distances to the neighbours of <paramref name="point"/>, ascending.</summary>
    public ReadOnlySpan<float> DistancesOf(int point) => Distances.AsSpan(point * K, K);
}
