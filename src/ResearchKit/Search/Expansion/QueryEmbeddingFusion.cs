using ResearchKit.Models;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// Embeds weighted expansion terms through a prompt ensemble and fuses them into an <see cref="ExpandedQuery"/>,
/// optionally adding the nearest texts of a <see cref="TextVocabulary"/> as extra terms.
/// </summary>
/// <remarks>
/// Per term: every prompt embedding is L2-normalised, the prompts are averaged, and the mean is normalised again.
/// WeightedMean then takes Σ wᵢ·tᵢ / Σ wᵢ over term vectors tᵢ and normalises that; MaxScore keeps each tᵢ with
/// its weight wᵢ and scores an item as maxᵢ (wᵢ × cos(tᵢ, item)).
/// </remarks>
public sealed class QueryEmbeddingFusion
{
    private readonly Func<IReadOnlyList<string>, float[][]> _embedder;

    /// <summary>
    /// Uses <paramref name="embedder"/> to turn a batch of texts into one embedding each (same order), e.g. a text
    /// encoder's batch call.
    /// </summary>
    public QueryEmbeddingFusion(Func<IReadOnlyList<string>, float[][]> embedder, FusionOptions? options = null)
    {
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        Options = options ?? new FusionOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(Options.NeighbourCount, nameof(FusionOptions.NeighbourCount));
        if (!(Options.NeighbourWeight > 0f) || float.IsInfinity(Options.NeighbourWeight))
            throw new ArgumentOutOfRangeException(nameof(FusionOptions.NeighbourWeight), Options.NeighbourWeight, "must be a positive finite number");
    }

    /// <summary>The options in force.</summary>
    public FusionOptions Options { get; }

    /// <summary>The prompt-ensemble vector of each text (unit length), from one embedder call.</summary>
    public IReadOnlyList<float[]> EmbedTexts(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        var templates = Options.Templates.Templates.Count;
        var prompts = texts.SelectMany(Options.Templates.Apply).ToList();
        var embeddings = _embedder(prompts);
        if (embeddings is null || embeddings.Length != prompts.Count)
            throw new InvalidOperationException($"The embedder returned {embeddings?.Length ?? 0} embeddings for {prompts.Count} texts; it must return one per text.");
        var dimensions = embeddings[0].Length;
        var result = new float[texts.Count][];
        if (templates == 1)
        {
            // One prompt per term: a unit vector is kept bit for bit, so a bare term scores exactly like the plain query.
            for (var t = 0; t < texts.Count; t++)
            {
                if (embeddings[t].Length != dimensions)
                    throw new EmbeddingDimensionException($"The embedding of prompt \"{prompts[t]}\"", dimensions, embeddings[t].Length);
                result[t] = MathF.Abs(System.Numerics.Tensors.TensorPrimitives.Norm(embeddings[t]) - 1f) < 1e-6f ? (float[])embeddings[t].Clone() : VectorNorm.Normalized(embeddings[t]);
            }
            return result;
        }
        for (var t = 0; t < texts.Count; t++)
        {
            var mean = new float[dimensions];
            for (var p = t * templates; p < (t + 1) * templates; p++)
            {
                if (embeddings[p].Length != dimensions)
                    throw new EmbeddingDimensionException($"The embedding of prompt \"{prompts[p]}\"", dimensions, embeddings[p].Length);
                var unit = VectorNorm.Normalized(embeddings[p]);
                for (var d = 0; d < dimensions; d++) mean[d] += unit[d];
            }
            VectorNorm.NormalizeInPlace(mean);
            result[t] = mean;
        }
        return result;
    }

    /// <summary>Embeds <paramref name="texts"/> through the same prompt ensemble as queries, for neighbour expansion.</summary>
    public TextVocabulary EmbedVocabulary(IReadOnlyList<string> texts) => new(texts, EmbedTexts(texts));

    /// <summary>
    /// Embeds <paramref name="terms"/> (e.g. from <see cref="QueryExpander.Expand"/>) and fuses them per
    /// <see cref="FusionOptions.Mode"/>. With a vocabulary, up to NeighbourCount of its texts closest to the query
    /// term's vector (the first term with Source "query", else the first term), at or above NeighbourMinSimilarity
    /// and not already a term, join as "neighbour" terms of weight NeighbourWeight, using their vocabulary vectors.
    /// </summary>
    /// <exception cref="EmbeddingDimensionException">The vocabulary was embedded with a model of another width.</exception>
    public ExpandedQuery Fuse(IReadOnlyList<ExpansionTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0) throw new ArgumentException("at least one term is needed; pass the query itself as a term", nameof(terms));
        CheckWeights(terms);
        var allTerms = terms.ToList();
        var vectors = EmbedTexts(terms.Select(t => t.Text).ToList()).ToList();
        AddNeighbours(allTerms, vectors);
        return Combine(allTerms, vectors);
    }

    /// <summary>
    /// Fuses terms whose unit vectors the caller already has (from <see cref="EmbedTexts"/>, same order) per
    /// <see cref="FusionOptions.Mode"/>, without embedding anything.
    /// </summary>
    public ExpandedQuery Combine(IReadOnlyList<ExpansionTerm> allTerms, IReadOnlyList<float[]> vectors)
    {
        ArgumentNullException.ThrowIfNull(allTerms);
        ArgumentNullException.ThrowIfNull(vectors);
        if (allTerms.Count == 0 || allTerms.Count != vectors.Count)
            throw new ArgumentException($"give one vector per term: {allTerms.Count} terms, {vectors.Count} vectors.", nameof(vectors));
        CheckWeights(allTerms);
        // Standardised max needs the gallery, which the search engine applies (TermStandardization); here it keeps per-term vectors like MaxScore.
        if (Options.Mode != FusionMode.WeightedMean)
            return new ExpandedQuery(Options.Mode, allTerms, vectors, allTerms.Select(t => t.Weight).ToList());

        var fused = new float[vectors[0].Length];
        var total = 0f;
        for (var i = 0; i < vectors.Count; i++)
        {
            total += allTerms[i].Weight;
            for (var d = 0; d < fused.Length; d++) fused[d] += allTerms[i].Weight * vectors[i][d];
        }
        // Dividing by the total weight does not change the direction; it keeps the mean meaningful before normalising.
        for (var d = 0; d < fused.Length; d++) fused[d] /= total;
        VectorNorm.NormalizeInPlace(fused);
        return new ExpandedQuery(FusionMode.WeightedMean, allTerms, [fused], [1f]);
    }

    private static void CheckWeights(IReadOnlyList<ExpansionTerm> terms)
    {
        foreach (var term in terms)
        {
            if (!(term.Weight > 0f) || float.IsInfinity(term.Weight))
                throw new ArgumentException($"term \"{term.Text}\" has weight {term.Weight}; weights must be positive and finite", nameof(terms));
        }
    }

    private void AddNeighbours(List<ExpansionTerm> terms, List<float[]> vectors)
    {
        if (Options.Vocabulary is not { } vocabulary || Options.NeighbourCount == 0 || vocabulary.Texts.Count == 0) return;
        var queryIndex = Math.Max(0, terms.FindIndex(t => t.Source == "query"));
        var present = new HashSet<string>(terms.Select(t => t.Text), StringComparer.OrdinalIgnoreCase);
        // Ask for enough extra hits to make up for vocabulary texts that are already terms.
        var hits = vocabulary.Nearest(vectors[queryIndex], Options.NeighbourCount + terms.Count, Options.NeighbourMinSimilarity);
        foreach (var hit in hits.Where(h => present.Add(h.Text)).Take(Options.NeighbourCount))
        {
            terms.Add(new ExpansionTerm(hit.Text, Options.NeighbourWeight, "neighbour"));
            vectors.Add(vocabulary.Vector(hit.Index).ToArray());
        }
    }
}
