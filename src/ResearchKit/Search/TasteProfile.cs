using ResearchKit.Embeddings;
using ResearchKit.Models;

namespace ResearchKit.Search;

/// <summary>
/// A user's taste in one space: the normalised mean of the vectors of items they liked. Recommendations are the
/// items closest to it, excluding everything already liked or seen.
/// </summary>
public static class TasteProfile
{
    /// <summary>The profile vector of the liked items the space holds, or null when it holds none of them.</summary>
    public static float[]? Build(EmbeddingSpace space, IEnumerable<string> likedIds)
    {
        var sum = new float[space.Dimension];
        var count = 0;
        foreach (var id in likedIds.Distinct(StringComparer.Ordinal))
        {
            if (!space.TryGetRow(id, out var row)) continue;
            System.Numerics.Tensors.TensorPrimitives.Add(sum, space.Vector(row), sum);
            count++;
        }
        return count == 0 ? null : VectorNorm.Normalized(sum);
    }

    /// <summary>Recommendations for the liked items, never returning liked or <paramref name="seen"/> items.</summary>
    /// <exception cref="ArgumentException">None of the liked items is in the space, or the options blend several spaces.</exception>
    public static SearchResponse Recommend(SearchEngine engine, IReadOnlyCollection<string> likedIds, IEnumerable<string> seen, SearchOptions? options = null)
    {
        options ??= new SearchOptions();
        var target = options.Target as SingleSpace
            ?? throw new ArgumentException("a taste profile lives in one space; search one space (a SingleSpace target), not a hybrid blend.", nameof(options));
        var space = target.Space ?? engine.Spaces[0];
        var profile = Build(engine.Space(space), likedIds)
            ?? throw new ArgumentException($"none of the {likedIds.Count} liked items is in space '{space}'; like items by their ids first.");
        var exclude = new HashSet<string>(likedIds, StringComparer.Ordinal);
        exclude.UnionWith(seen);
        if (options.Exclude is not null) exclude.UnionWith(options.Exclude);
        var queries = new Dictionary<string, QueryVectors> { [space] = QueryVectors.Single(profile) };
        return engine.Search(queries, options with { Target = target with { Space = space }, Exclude = exclude });
    }
}
