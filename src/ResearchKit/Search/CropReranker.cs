using System.Numerics.Tensors;

namespace ResearchKit.Search;

/// <summary>
/// The second stage of crop search: local score = max over an item's crops of the query's similarity,
/// final = w_global * global + w_local * local. Items without crop vectors keep local = global, so a
/// failed crop never pushes an item up or down by itself.
/// </summary>
public static class CropReranker
{
    /// <summary>Re-scores <paramref name="candidates"/> and returns them best first (ties by id).</summary>
    /// <param name="query">The (fused) query vector.</param>
    /// <param name="candidates">Global results: id and global score.</param>
    /// <param name="crops">Crop vectors per id: several vectors of <paramref name="dimension"/> floats side by side.</param>
    /// <param name="dimension">Vector length.</param>
    /// <param name="options">Weights.</param>
    public static IReadOnlyList<RankedItem> Rerank(ReadOnlySpan<float> query, IReadOnlyList<RankedItem> candidates,
        IReadOnlyDictionary<string, float[]> crops, int dimension, CropRerankOptions options)
    {
        var result = new List<RankedItem>(candidates.Count);
        foreach (var c in candidates)
        {
            var local = crops.TryGetValue(c.Id, out var v) ? MaxCropScore(query, v, dimension) : c.Global;
            var final = options.GlobalWeight * c.Global + options.LocalWeight * local;
            result.Add(c with { Local = local, Score = final });
        }
        result.Sort(RankedItem.BestFirst);
        return result;
    }

    /// <summary>The highest dot product between the query and any crop.</summary>
    public static double MaxCropScore(ReadOnlySpan<float> query, ReadOnlySpan<float> crops, int dimension)
    {
        var best = double.NegativeInfinity;
        for (var at = 0; at + dimension <= crops.Length; at += dimension)
            best = Math.Max(best, TensorPrimitives.Dot(query, crops.Slice(at, dimension)));
        return best;
    }
}
