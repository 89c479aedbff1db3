using System.Numerics.Tensors;
using ResearchKit.Models;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// Candidate texts (e.g. a dataset's labels and tags) with their text embeddings, searched by cosine similarity
/// for nearest-neighbour query expansion. Embeddings are stored L2-normalised.
/// </summary>
public sealed class TextVocabulary
{
    private readonly float[][] _vectors;

    /// <summary>Pairs <paramref name="texts"/> with <paramref name="embeddings"/> (same order, same count).</summary>
    /// <exception cref="EmbeddingDimensionException">The embeddings do not all have the same length.</exception>
    public TextVocabulary(IReadOnlyList<string> texts, IReadOnlyList<float[]> embeddings)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(embeddings);
        if (texts.Count != embeddings.Count)
            throw new ArgumentException($"{texts.Count} texts but {embeddings.Count} embeddings; give one embedding per text.", nameof(embeddings));
        Dimensions = embeddings.Count == 0 ? 0 : embeddings[0].Length;
        _vectors = new float[embeddings.Count][];
        for (var i = 0; i < embeddings.Count; i++)
        {
            if (embeddings[i].Length != Dimensions)
                throw new EmbeddingDimensionException($"Vocabulary embedding {i} (\"{texts[i]}\")", Dimensions, embeddings[i].Length);
            _vectors[i] = VectorNorm.Normalized(embeddings[i]);
        }
        Texts = texts.ToArray();
    }

    /// <summary>The candidate texts, in the order given.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Length of every embedding; 0 for an empty vocabulary.</summary>
    public int Dimensions { get; }

    /// <summary>The unit-length embedding of entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Vector(int index) => _vectors[index];

    /// <summary>
    /// Up to <paramref name="count"/> entries with cosine similarity to <paramref name="query"/> of at least
    /// <paramref name="minSimilarity"/>, most similar first; equal similarities keep vocabulary order.
    /// </summary>
    /// <exception cref="EmbeddingDimensionException"><paramref name="query"/> is not <see cref="Dimensions"/> long.</exception>
    public IReadOnlyList<TextNeighbour> Nearest(ReadOnlySpan<float> query, int count, float minSimilarity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (_vectors.Length == 0 || count == 0) return [];
        if (query.Length != Dimensions)
            throw new EmbeddingDimensionException("The text vocabulary", query.Length, Dimensions);
        var norm = TensorPrimitives.Norm(query);
        var hits = new List<TextNeighbour>();
        for (var i = 0; i < _vectors.Length; i++)
        {
            var similarity = norm > 0f ? TensorPrimitives.Dot(query, _vectors[i]) / norm : 0f;
            if (similarity >= minSimilarity) hits.Add(new TextNeighbour(Texts[i], similarity, i));
        }
        return hits.OrderByDescending(h => h.Similarity).Take(count).ToList();
    }
}
