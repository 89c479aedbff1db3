using System.Globalization;
using System.Numerics.Tensors;

namespace ResearchKit.Search.Expansion;

/// <summary>
/// Finishes an <see cref="ExpansionPlan"/> in one model's text space: adds the gallery labels and tags nearest to each
/// unknown word as further candidates, weighs every replaced query by how well the model agrees it means the query as
/// typed, and fuses the terms (through the prompt ensemble) into the query vectors.
/// </summary>
public sealed class TextSpaceExpansion
{
    private readonly QueryEmbeddingFusion _fusion;
    private readonly TextNeighbourSource? _neighbours;

    /// <param name="fusion">Embeds texts through the prompt ensemble and fuses them (mean or max).</param>
    /// <param name="options">Neighbour, agreement and term settings.</param>
    /// <param name="neighbours">The gallery's labels and tags in the model's text space; null turns neighbours off.</param>
    public TextSpaceExpansion(QueryEmbeddingFusion fusion, VocabularyExpansionOptions options, TextNeighbourSource? neighbours = null)
    {
        _fusion = fusion ?? throw new ArgumentNullException(nameof(fusion));
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _neighbours = neighbours;
    }

    /// <summary>The options in force.</summary>
    public VocabularyExpansionOptions Options { get; }

    /// <summary>The fused query of <paramref name="plan"/>, and notes saying what each unknown word became.</summary>
    /// <exception cref="ArgumentException">The plan's query is empty (there is nothing to embed).</exception>
    public (ExpandedQuery Query, IReadOnlyList<string> Notes) Expand(ExpansionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Query.Length == 0) throw new ArgumentException("the plan's query is empty; there is nothing to embed.", nameof(plan));
        plan = WithNeighbours(plan);
        var notes = new List<string>(plan.Notes);
        foreach (var unknown in plan.Unknown)
        {
            var word = unknown.In(plan.Query);
            notes.Add(unknown.Candidates.Count == 0
                ? $"\"{word}\" is not in the gallery's vocabulary, and neither WordNet nor the model's text space links it to a gallery term: kept as typed."
                : $"\"{word}\" is not in the gallery's vocabulary; it stands for " + string.Join(", ", unknown.Candidates.Select(c =>
                    string.Create(CultureInfo.InvariantCulture, $"{c.Text} ({c.Source}{(c.Sense > 0 ? $", sense {c.Sense}" : "")}, {c.Weight:0.##})"))) + ".");
        }
        var terms = plan.Terms(Options.QueryWeight, Options.MaxTerms).ToList();
        var vectors = _fusion.EmbedTexts([.. terms.Select(t => t.Text)]);
        if (Options.AgreementWeight > 0f)
        {
            // The model's own view: a replacement it embeds far from the query as typed is less likely what was meant.
            for (var i = 1; i < terms.Count; i++)
                terms[i] = terms[i] with { Weight = MathF.Max(1e-6f, terms[i].Weight * MathF.Exp(Options.AgreementWeight * (TensorPrimitives.Dot(vectors[i], vectors[0]) - 1f))) };
        }
        if (terms.Count > 1)
            notes.Add("expanded: " + string.Join(", ", terms.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Text} ({t.Weight:0.##})"))));
        return (_fusion.Combine(terms, vectors), notes);
    }

    private ExpansionPlan WithNeighbours(ExpansionPlan plan)
    {
        if (_neighbours is null || !Options.Sources.HasFlag(ExpansionSources.Neighbours) || Options.NeighbourCount == 0 || Options.NeighbourWeight <= 0f || plan.Unknown.Count == 0)
            return plan;
        var words = plan.Unknown.Select(u => u.In(plan.Query)).ToList();
        var vectors = _neighbours.Embed(words);
        var unknown = plan.Unknown.Select((u, i) =>
        {
            var own = GalleryVocabulary.Normalize(words[i]);
            var known = u.Candidates.Select(c => c.Text).ToHashSet(StringComparer.Ordinal);
            var neighbours = _neighbours.Vocabulary.Nearest(vectors[i], Options.NeighbourCount + known.Count + 1, Options.NeighbourMinSimilarity)
                .Where(h => h.Text != own && !known.Contains(h.Text) && h.Similarity > 0f)
                .Take(Options.NeighbourCount)
                .Select(h => new ExpansionCandidate(h.Text, Options.NeighbourWeight * h.Similarity, "neighbour", 0));
            return u with { Candidates = [.. u.Candidates.Concat(neighbours).OrderByDescending(c => c.Weight)] };
        }).ToList();
        return plan with { Unknown = unknown };
    }
}
