using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search;

/// <summary>Text search through spell correction, gallery-aware expansion and prompt ensembles (needs scripts/install-lexicons.sh).</summary>
public sealed class ExpandedSearchTests : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly SearchEngine _engine;

    public ExpandedSearchTests(IndexedDatasetFixture data) => _engine = SearchEngine.Open(data.Dataset);

    public void Dispose() => _engine.Dispose();

    private static SearchOptions Options(QueryExpansionSettings? expansion, int top = 5) => new() { Target = "siglip", TopK = top, Expansion = expansion };

    [Fact]
    public void Spell_correction_searches_the_corrected_query_and_says_so()
    {
        var spelling = new QueryExpansionSettings { Terms = new VocabularyExpansionOptions { Sources = ExpansionSources.None }, SpellCorrect = true };

        var corrected = _engine.SearchText("hot cofee", Options(spelling, 3));
        var plain = _engine.SearchText("hot coffee", Options(null, 3));

        Assert.Contains(corrected.Notes, n => n.Contains("\"hot coffee\" instead of \"hot cofee\""));
        Assert.Equal(plain.Results.Select(r => (r.Id, r.Score)), corrected.Results.Select(r => (r.Id, r.Score)));
    }

    [Fact]
    public void An_unknown_word_is_replaced_by_the_gallery_terms_wordnet_links_it_to()
    {
        // The fixture gallery's titles and tags know "coffee" but not "java", whose second WordNet sense is coffee.
        var response = _engine.SearchText("java", Options(new QueryExpansionSettings { Mode = FusionMode.MaxScore }, 11));

        Assert.Contains(response.Notes, n => n.StartsWith("\"java\" is not in the gallery's vocabulary; it stands for coffee (synonym, sense 2"));
        var expanded = Assert.Single(response.Notes, n => n.StartsWith("expanded: java (0.5), coffee (0.85), photo coffee (0.77)"));
        Assert.Contains("photo coffee", expanded);
    }

    [Fact]
    public void Max_fusion_scores_each_item_by_its_best_weighted_term()
    {
        var settings = new QueryExpansionSettings { Mode = FusionMode.MaxScore };
        var terms = new[] { new ExpansionTerm("java", 0.5f, "query"), new ExpansionTerm("coffee", 1f, "synonym") };

        var query = _engine.Expand("siglip", terms, settings);
        var response = _engine.Search(new Dictionary<string, QueryVectors> { ["siglip"] = query }, Options(null, 11));

        Assert.Equal(2, query.Vectors.Count);
        var space = _engine.Space("siglip");
        Assert.All(response.Results, r => Assert.Equal(query.Score(space.Vector(space.RowOf(r.Id))), r.Score, 6));
        Assert.Equal(response.Results.OrderByDescending(r => r.Score).Select(r => r.Id), response.Results.Select(r => r.Id));
    }

    [Fact]
    public void Standardised_max_fusion_ranks_by_the_standardised_scores()
    {
        var terms = new[] { new ExpansionTerm("java", 0.5f, "query"), new ExpansionTerm("coffee", 1f, "synonym") };

        var query = _engine.Expand("siglip", terms, new QueryExpansionSettings { Mode = FusionMode.MaxStandardized });

        Assert.NotNull(query.Offsets);
        var raw = _engine.Expand("siglip", terms, new QueryExpansionSettings { Mode = FusionMode.MaxScore });
        Assert.Equal(query, TermStandardization.Apply(raw, _engine.Space("siglip")), new QueryVectorsComparer());
    }

    [Fact]
    public void Words_the_gallery_knows_are_searched_exactly_as_plain_text()
    {
        var expanded = _engine.SearchText("photo coffee", Options(new QueryExpansionSettings()));
        var plain = _engine.SearchText("photo coffee", Options(null));

        Assert.Equal(plain.Results.Select(r => (r.Id, r.Score)), expanded.Results.Select(r => (r.Id, r.Score)));
        Assert.Contains(expanded.Notes, n => n.Contains("every word is in the gallery's vocabulary"));
    }

    [Theory]
    [InlineData("the of and", "only stopwords")]
    [InlineData("собака 犬", "kept as typed")]
    [InlineData("?!", "no words")]
    public void Bad_input_with_expansion_is_searched_as_typed_with_a_note(string query, string note)
    {
        // Without text-space neighbours, which a random-weight model could find for any string.
        var response = _engine.SearchText(query, Options(new QueryExpansionSettings { Terms = new VocabularyExpansionOptions { NeighbourCount = 0 } }));

        Assert.NotEmpty(response.Results);
        Assert.Contains(response.Notes, n => n.Contains(note));
    }

    [Fact]
    public void An_empty_or_very_long_query_with_expansion_never_throws()
    {
        var empty = _engine.SearchText("   ", Options(new QueryExpansionSettings()));
        var longQuery = _engine.SearchText(string.Join(' ', Enumerable.Repeat("coffee java", 500)), Options(new QueryExpansionSettings()));

        Assert.Empty(empty.Results);
        Assert.Contains(empty.Notes, n => n.Contains("the query is empty"));
        Assert.NotEmpty(longQuery.Results);
        Assert.Contains(longQuery.Notes, n => n.Contains("the query is long (1000 words)"));
    }

    [Fact]
    public void A_closed_gate_passes_the_query_through_and_says_why()
    {
        var gate = new ExpansionGate(false, "ndcg@10", 120, -0.012, -0.03, 0.004);

        var response = _engine.SearchText("java", Options(new QueryExpansionSettings { Gate = gate }));

        Assert.Equal(_engine.SearchText("java", Options(null)).Results.Select(r => (r.Id, r.Score)), response.Results.Select(r => (r.Id, r.Score)));
        Assert.Contains(gate.Note, response.Notes);
        Assert.StartsWith("expansion passed the query through: on 120 dev queries", gate.Note);
    }

    [Fact]
    public void A_query_of_stopwords_only_without_expansion_is_a_typed_error()
    {
        var error = Assert.Throws<InvalidQueryException>(() => _engine.SearchText("the of and", new SearchOptions { Target = "siglip" }));
        Assert.Contains("stopword", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class QueryVectorsComparer : IEqualityComparer<QueryVectors>
    {
        public bool Equals(QueryVectors? a, QueryVectors? b) =>
            a is not null && b is not null && a.Weights.SequenceEqual(b.Weights) && (a.Offsets ?? []).SequenceEqual(b.Offsets ?? [])
            && a.Vectors.Zip(b.Vectors).All(p => p.First.SequenceEqual(p.Second));

        public int GetHashCode(QueryVectors q) => q.Vectors.Count;
    }
}
