using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search;

/// <summary>Text search through spell correction, WordNet expansion and prompt ensembles (needs scripts/install-lexicons.sh).</summary>
public sealed class ExpandedSearchTests : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly SearchEngine _engine;

    public ExpandedSearchTests(IndexedDatasetFixture data) => _engine = SearchEngine.Open(data.Dataset);

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void Spell_correction_searches_the_corrected_query_and_says_so()
    {
        var options = new SearchOptions { Space = "siglip", TopK = 3, Expansion = new QueryExpansionSettings { WordNet = new() { Relations = ExpansionRelations.None }, Templates = ["{}"], SpellCorrect = true } };

        var corrected = _engine.SearchText("hot cofee", options);
        var plain = _engine.SearchText("hot coffee", new SearchOptions { Space = "siglip", TopK = 3 });

        Assert.Contains(corrected.Notes, n => n.Contains("\"hot coffee\" instead of \"hot cofee\""));
        Assert.Equal(plain.Results.Select(r => r.Id), corrected.Results.Select(r => r.Id));
        // The corrected query goes through fusion (renormalised), so scores agree to float rounding.
        Assert.All(plain.Results.Zip(corrected.Results), p => Assert.Equal(p.First.Score, p.Second.Score, 6));
    }

    [Fact]
    public void Max_fusion_scores_each_item_by_its_best_weighted_expansion_term()
    {
        var settings = new QueryExpansionSettings { Mode = FusionMode.MaxScore };
        var response = _engine.SearchText("dog", new SearchOptions { Space = "siglip", TopK = 11, Expansion = settings });

        var terms = new QueryExpander(new WordNetDatabase(), settings.WordNet).Expand("dog");
        Assert.True(terms.Count > 1, "WordNet should expand 'dog'");
        Assert.Contains(response.Notes, n => n.StartsWith("expanded: dog (1)"));
        var query = _engine.Expand("siglip", terms, settings);
        Assert.Equal(terms.Count, query.Vectors.Count);
        var space = _engine.Space("siglip");
        Assert.All(response.Results, r => Assert.Equal(query.Score(space.Vector(space.RowOf(r.Id))), r.Score, 6));
    }

    [Fact]
    public void Weighted_mean_fusion_searches_with_one_unit_vector()
    {
        var query = _engine.Expand("siglip", [new ExpansionTerm("apple", 1, "query"), new ExpansionTerm("fruit", 0.5f, "hypernym:1")], new QueryExpansionSettings());

        var vector = Assert.Single(query.Vectors);
        Assert.Equal(1.0, System.Numerics.Tensors.TensorPrimitives.Norm(vector), 4);
    }

    [Fact]
    public void A_query_of_stopwords_only_is_a_typed_error()
    {
        var error = Assert.Throws<InvalidQueryException>(() => _engine.SearchText("the of and", new SearchOptions { Space = "siglip" }));
        Assert.Contains("stopword", error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
