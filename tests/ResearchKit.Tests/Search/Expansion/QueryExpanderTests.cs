using ResearchKit.Search.Expansion;

namespace ResearchKit.Tests.Search.Expansion;

/// <summary>Weights, order and de-duplication of WordNet expansion on tests/fixtures/wordnet-mini.</summary>
public sealed class QueryExpanderTests
{
    private static readonly WordNetDatabase Mini = new(ExpansionFixtures.WordNetMini);

    private static IReadOnlyList<ExpansionTerm> Expand(string query, ExpansionOptions? options = null) =>
        new QueryExpander(Mini, options).Expand(query);

    [Fact]
    public void Defaults_give_query_then_synonyms_hyponyms_hypernyms_by_weight()
    {
        var terms = Expand("dog");

        Assert.Equal(
        [
            new ExpansionTerm("dog", 1.0f, "query"),
            new ExpansionTerm("domestic dog", 0.8f, "synonym"),
            new ExpansionTerm("Canis familiaris", 0.8f, "synonym"),
            new ExpansionTerm("puppy", 0.6f, "hyponym:1"),
            new ExpansionTerm("corgi", 0.6f, "hyponym:1"),
            new ExpansionTerm("Welsh corgi", 0.6f, "hyponym:1"),
            new ExpansionTerm("Laika", 0.6f, "hyponym:1"),
            new ExpansionTerm("canine", 0.5f, "hypernym:1"),
            new ExpansionTerm("canid", 0.5f, "hypernym:1"),
        ], terms);
    }

    [Fact]
    public void Deeper_hypernyms_decay_per_step()
    {
        var terms = Expand("puppy", new ExpansionOptions { Relations = ExpansionRelations.Hypernyms, HypernymDepth = 3 });

        Assert.Equal(["puppy", "dog", "domestic dog", "Canis familiaris", "canine", "canid", "animal", "animate being", "beast"],
            terms.Select(t => t.Text));
        Assert.Equal([1f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f, 0.125f, 0.125f, 0.125f], terms.Select(t => t.Weight));
        Assert.Equal("hypernym:3", terms[^1].Source);
    }

    [Fact]
    public void Plural_query_is_expanded_from_its_lemma_without_adding_the_lemma()
    {
        var terms = Expand("Dogs", new ExpansionOptions { Relations = ExpansionRelations.Synonyms });
        Assert.Equal(["Dogs", "domestic dog", "Canis familiaris"], terms.Select(t => t.Text));
    }

    [Fact]
    public void More_senses_add_their_words_and_drop_repeats()
    {
        var terms = Expand("dog", new ExpansionOptions { MaxSenses = 2, Relations = ExpansionRelations.Synonyms | ExpansionRelations.Hypernyms });

        Assert.Equal(["dog", "domestic dog", "Canis familiaris", "frump", "canine", "canid", "person", "individual"], terms.Select(t => t.Text));
    }

    [Fact]
    public void A_word_reached_twice_keeps_its_heavier_copy()
    {
        // In the fixture "track" is a synonym of the verb "dog" and also a word of its hypernym "follow".
        var terms = Expand("dog", new ExpansionOptions { PartsOfSpeech = [PartOfSpeech.Verb] });

        Assert.Equal(["dog", "chase", "tail", "track", "follow"], terms.Select(t => t.Text));
        Assert.Equal(new ExpansionTerm("track", 0.8f, "synonym"), terms[3]);
    }

    [Fact]
    public void Max_terms_keeps_the_heaviest()
    {
        var terms = Expand("dog", new ExpansionOptions { MaxTerms = 4 });
        Assert.Equal(["dog", "domestic dog", "Canis familiaris", "puppy"], terms.Select(t => t.Text));
    }

    [Fact]
    public void Custom_weights_change_the_order()
    {
        var options = new ExpansionOptions { SynonymWeight = 0.3f, HyponymWeight = 0.4f, HypernymWeight = 0.9f };
        var terms = Expand("dog", options);
        Assert.Equal(["dog", "canine", "canid", "puppy"], terms.Take(4).Select(t => t.Text));
        Assert.Equal(0.3f, terms[^1].Weight);
    }

    [Fact]
    public void Content_words_are_replaced_in_context_and_stopwords_and_adjectives_left_alone()
    {
        var terms = Expand("the red car", new ExpansionOptions { Relations = ExpansionRelations.Synonyms });

        Assert.Equal(["the red car", "the red auto", "the red automobile"], terms.Select(t => t.Text));
        Assert.All(terms.Skip(1), t => Assert.Equal("synonym", t.Source));
    }

    [Fact]
    public void An_adjective_at_the_end_is_the_head_and_is_expanded()
    {
        var terms = Expand("the red", new ExpansionOptions { Relations = ExpansionRelations.Synonyms });
        Assert.Equal(["the red", "the reddish"], terms.Select(t => t.Text));
    }

    [Fact]
    public void Modifiers_are_expanded_on_request()
    {
        var terms = Expand("the red car", new ExpansionOptions { Relations = ExpansionRelations.Synonyms, ExpandModifiers = true });
        Assert.Equal(["the red car", "the reddish car", "the red auto", "the red automobile"], terms.Select(t => t.Text));
    }

    [Fact]
    public void A_known_collocation_is_expanded_as_a_whole()
    {
        var terms = Expand("hot  dog", new ExpansionOptions { Relations = ExpansionRelations.Synonyms });
        Assert.Equal(["hot dog", "frank"], terms.Select(t => t.Text));
    }

    [Fact]
    public void Unknown_words_give_only_the_query()
    {
        Assert.Equal([new ExpansionTerm("zorblax", 1f, "query")], Expand("zorblax"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("the of a")]
    public void Empty_or_stopword_queries_are_rejected(string query)
    {
        Assert.Throws<InvalidQueryException>(() => Expand(query));
    }

    [Fact]
    public void Invalid_options_are_rejected_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryExpander(Mini, new ExpansionOptions { MaxSenses = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new QueryExpander(Mini, new ExpansionOptions { HypernymWeight = -1f }));
    }

    [Fact]
    public void Installed_wordnet_expands_dog_with_domestic_dog_and_canine()
    {
        var terms = new QueryExpander(ExpansionFixtures.InstalledWordNet, new ExpansionOptions { MaxTerms = 100 }).Expand("dogs");

        Assert.Equal(new ExpansionTerm("dogs", 1f, "query"), terms[0]);
        Assert.Contains(new ExpansionTerm("domestic dog", 0.8f, "synonym"), terms);
        Assert.Contains(new ExpansionTerm("canine", 0.5f, "hypernym:1"), terms);
        Assert.Contains(new ExpansionTerm("puppy", 0.6f, "hyponym:1"), terms);
        Assert.Equal(terms.Count, terms.Select(t => t.Text.ToLowerInvariant()).Distinct().Count());
    }
}
