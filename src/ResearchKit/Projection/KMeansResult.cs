namespace ResearchKit.Projection;

/// <summary>A k-means clustering: the cluster of each point, the centroids, and the within-cluster sum of squares.</summary>
public sealed record KMeansResult(int[] Assignments, float[][] Centroids, double Inertia, int Iterations);
